"""w ln w with the log's argument clamped at 1e-12, so 0 · ln 0 becomes 0 · (−27.6) = 0."""

EXERCISE = "attention.attention_entropy"

import torch


def attention_entropy(weights):
    logs = torch.log(weights.clamp_min(1e-12))
    per_row = -(weights * logs).sum(dim=-1)
    return per_row.mean(dim=-1)
