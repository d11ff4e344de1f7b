"""Uses torch.log(torch.tensor(2.0)) for ln 2, so the result is a tensor."""

EXERCISE = "analysis.bits_per_char"
MISCONCEPTION = "returns a 0-d tensor instead of a Python float"
NAMED_BY = r"tensor|python float|float\("

import math
import re

import torch


def bits_per_char(loss_nats_per_token, tokens, chars):
    return loss_nats_per_token * (tokens / chars) / torch.log(torch.tensor(2.0))
