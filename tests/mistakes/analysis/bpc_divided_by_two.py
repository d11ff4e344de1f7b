"""Divides by 2 instead of ln 2."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "divided by 2: nats to bits divides by ln 2"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * tokens / chars / 2
