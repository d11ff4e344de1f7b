"""The true logit picked by advanced indexing, the row maximum from amax, the mean as sum / N."""

EXERCISE = "pretraining.cross_entropy"

import torch


def cross_entropy(logits, targets):
    z = logits.to(torch.float32)
    rows = torch.arange(z.shape[0], device=z.device)
    peak = z.amax(dim=1)  # (N,)
    lse = peak + (z - peak[:, None]).exp().sum(dim=1).log()
    return (lse - z[rows, targets]).sum() / z.shape[0]
