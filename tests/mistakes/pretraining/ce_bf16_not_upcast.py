"""Computes the loss in the logits' own dtype: bf16 logits give a bf16 loss that has lost its digits."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "bf16 logits give a bf16 loss"

import torch


def cross_entropy(logits, targets):
    m = logits.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
    return (log_sum_exp - logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)).mean()
