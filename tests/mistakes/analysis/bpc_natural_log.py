"""Keeps the natural log: nats per character, not bits."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "left in nats"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * tokens / chars
