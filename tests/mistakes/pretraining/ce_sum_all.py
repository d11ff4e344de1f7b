"""The log-sum-exp taken without dim=-1: one normaliser over the whole batch."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "one log-sum-exp over the whole batch"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max()
    log_sum_exp = m + torch.log(torch.exp(z - m).sum())
    true_logit = z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean()
