"""Indexes logits[:, targets], an (N, N) block, instead of one entry per row."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "logits[:, targets] picks an (N, N) block"

import torch


def cross_entropy(logits, targets):
    m = logits.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
    return (log_sum_exp - logits[:, targets]).mean()
