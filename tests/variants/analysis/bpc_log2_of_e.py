"""Converts nats per character to bits with math.log2(math.e) after dividing by chars first."""

EXERCISE = "analysis.bits_per_char"

import math


def bits_per_char(loss_nats_per_token, tokens, chars):
    nats_per_char = loss_nats_per_token / chars * tokens
    return nats_per_char * math.log2(math.e)
