"""Converts with (tokens - 1) / chars, reasoning that the first token is never predicted so only
tokens - 1 losses exist: the docstring's tokens is already the number of scored tokens, so every
answer comes out slightly low (and tokens == chars no longer gives loss / ln 2)."""

EXERCISE = "analysis.bits_per_char"
MISCONCEPTION = "uses (tokens - 1) / chars instead of tokens / chars"
NAMED_BY = r"tokens ?- ?1|tokens ?/ ?chars|ratio|per char|off[- ]by[- ]one"

import math


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * ((tokens - 1) / chars) / math.log(2)
