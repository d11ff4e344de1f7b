"""Divides tokens by chars with //: the ratio of a BPE text rounds down to 0."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "tokens // chars"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * (tokens // chars) / math.log(2)
