"""Uses torch.log1p(w) as a "safe log" that never sees log(0): log1p computes ln(1 + w), not ln w,
so every term has the wrong value (and the sign of the entropy flips)."""

EXERCISE = "attention.attention_entropy"
MISCONCEPTION = "log1p(w) = ln(1 + w) used as a safe ln w"
NAMED_BY = r"log1p|ln ?\(1 ?\+|log of zero|safe log|natural log|ln w|sign"

import torch


def attention_entropy(weights):
    return -(weights * torch.log1p(weights)).sum(dim=-1).mean(dim=-1)
