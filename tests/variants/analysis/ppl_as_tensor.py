"""Everything through torch.as_tensor in float64: a float and a tensor take the same path."""

EXERCISE = "analysis.perplexity"

import math

import torch


def perplexity(loss):
    mean_loss = torch.as_tensor(loss, dtype=torch.float64).detach().mean()
    return math.exp(mean_loss.item())
