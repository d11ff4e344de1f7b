"""Averages a tensor as loss.sum() / len(loss), which divides by the first dim only."""

EXERCISE = "analysis.perplexity"
MISCONCEPTION = "len() of a 2-D (B, T) tensor is B, so the mean is T times too large for per-token losses of a batch"
NAMED_BY = r"len\(|first dim|numel|mean over (all|every)|2-?D\b|divid\w* by B\b|averag\w* over (the )?rows"

import math
import re

import torch


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = (loss.sum() / len(loss)).item()
    return math.exp(loss)
