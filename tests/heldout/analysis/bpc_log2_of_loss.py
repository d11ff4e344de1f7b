"""Converts to bits by taking log2 of the loss."""

EXERCISE = "analysis.bits_per_char"
MISCONCEPTION = "log2(loss) instead of loss / ln 2: the loss is already a logarithm"
NAMED_BY = r"log2\(|log ?2 of|already (a log|in nats)|log of the loss"

import math
import re

import torch


def bits_per_char(loss_nats_per_token, tokens, chars):
    return math.log2(loss_nats_per_token) * tokens / chars
