"""Multiplies by chars / tokens: per character the other way round."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "tokens / chars inverted"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * chars / tokens / math.log(2)
