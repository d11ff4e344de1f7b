"""Takes the mean in float64 with torch.as_tensor for floats and tensors alike, and
exponentiates with torch: the same number to within a float32 rounding."""

EXERCISE = "analysis.perplexity"

import torch


def perplexity(loss):
    mean = torch.as_tensor(loss).detach().double().mean()
    return float(torch.exp(mean))
