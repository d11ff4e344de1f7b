"""Nats to bits by multiplying by log2(e) (= 1 / ln 2); tokens per character named."""

EXERCISE = "analysis.bits_per_char"

import math


def bits_per_char(loss_nats_per_token, tokens, chars):
    tokens_per_char = tokens / chars
    bits_per_token = loss_nats_per_token * math.log2(math.e)
    return bits_per_token * tokens_per_char
