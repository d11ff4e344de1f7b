"""Takes log Σ exp(z) directly: exp overflows once a logit passes 88.7."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "exp overflows without subtracting the row's maximum"

import torch


def cross_entropy(logits, targets):
    log_sum_exp = torch.log(torch.exp(logits).sum(dim=-1))
    return (log_sum_exp - logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)).mean()
