"""Caps the loss at 20 before exponentiating, to keep the number printable."""

EXERCISE = "analysis.perplexity"
MISCONCEPTION = "clamps the loss at 20: perplexities above exp(20) are wrong (capped)"
NAMED_BY = r"\bcap\w*|clamp\w*|clip\w*|min\(|large loss|overflow"

import math
import re

import torch


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().mean().item()
    return math.exp(min(loss, 20.0))
