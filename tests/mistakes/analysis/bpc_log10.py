"""Divides by ln 10, as if bits were decimal digits."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "divided by ln 10"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * tokens / chars / math.log(10)
