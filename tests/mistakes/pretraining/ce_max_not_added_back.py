"""Subtracts the maximum for stability and never adds it back."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "the maximum is subtracted but not added back"

import torch


def cross_entropy(logits, targets):
    m = logits.max(dim=-1, keepdim=True).values
    log_sum_exp = torch.log(torch.exp(logits - m).sum(dim=-1))
    return (log_sum_exp - logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)).mean()
