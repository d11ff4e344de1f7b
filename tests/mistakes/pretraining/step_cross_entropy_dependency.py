"""The solved train_step on a cross_entropy that sums instead of averaging."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "your cross_entropy (train.cross_entropy) does not pass yet; train_step builds on it"

import torch


def cross_entropy(logits, targets):
    m = logits.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
    return (log_sum_exp - logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)).sum()
