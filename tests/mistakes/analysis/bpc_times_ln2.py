"""Multiplies by ln 2 instead of dividing."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "multiplied by ln 2"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * tokens / chars * math.log(2)
