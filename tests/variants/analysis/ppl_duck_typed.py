"""A tensor is averaged first (in float64); the exponential taken with torch and converted."""

EXERCISE = "analysis.perplexity"

import torch


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.detach().double().mean()
    return float(torch.exp(torch.tensor(float(loss), dtype=torch.float64)))
