"""One division by chars · ln 2."""

EXERCISE = "analysis.bits_per_char"

import math


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * tokens / (chars * math.log(2))
