"""Zero weights handled with torch.where; the mean over queries as a sum divided by T_q."""

EXERCISE = "attention.attention_entropy"

import torch


def attention_entropy(weights):
    positive = weights > 0
    safe = torch.where(positive, weights, torch.ones_like(weights))
    terms = torch.where(positive, weights * torch.log(safe), torch.zeros_like(weights))
    row_entropy = -terms.sum(-1)  # (..., T_q)
    return row_entropy.sum(-1) / weights.shape[-2]
