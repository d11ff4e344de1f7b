"""Averages a tensor of per-token losses with loss.mean(dim=-1), as for a single sequence: a (B, T)
tensor keeps its batch axis, and turning the (B,) result into one Python number raises."""

EXERCISE = "analysis.perplexity"
MISCONCEPTION = "mean over the last axis only, so a 2-D tensor of per-token losses does not become one number"
NAMED_BY = r"mean of (all|every)|all (the )?(tokens|elements)|2-?D|\(B, ?T\)|one number|a Tensor with \d+ elements"

import math

import torch


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().mean(dim=-1).item()
    return math.exp(loss)
