"""Computes the ratio as tokens // chars."""

EXERCISE = "analysis.bits_per_char"
MISCONCEPTION = "integer division: tokens // chars is 0 whenever there are fewer tokens than characters (any BPE)"
NAMED_BY = r"integer|//|floor|rounds? (down|to 0)"

import math
import re

import torch


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * (tokens // chars) / math.log(2)
