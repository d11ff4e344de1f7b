"""Takes math.log2 of the per-character loss, as if bits were the log2 of nats (and raises on a loss of 0)."""

EXERCISE = "analysis.bits_per_char"
DIAGNOSIS = "log2 of the loss taken"


def bits_per_char(loss_nats_per_token, tokens, chars):
    return math.log2(loss_nats_per_token * tokens / chars)
