"""Converts nats to bits but forgets that a token may span several characters."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "tokens / chars left out"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token / math.log(2)
