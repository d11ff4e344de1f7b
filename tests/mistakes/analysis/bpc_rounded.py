"""Rounds to three decimals, as the docstring's examples show 2.712 and 1.319."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "rounded to 3 decimals"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return round(loss_nats_per_token * tokens / chars / math.log(2), 3)
