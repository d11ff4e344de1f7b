"""Subtracts one maximum for the whole batch: rows far below it underflow."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "one maximum for the whole batch"

import torch


def cross_entropy(logits, targets):
    m = logits.max()
    log_sum_exp = m + torch.log(torch.exp(logits - m).sum(dim=-1))
    return (log_sum_exp - logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)).mean()
