"""Divides by math.log10(2) = 0.301 instead of math.log(2)."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "divided by log10(2)"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * (tokens / chars) / math.log10(2)
