"""Computes the whole loss in bf16 and converts only the result to float32: the dtype is right, the digits are gone."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "computed in bf16 and converted at the end"

import torch


def cross_entropy(logits, targets):
    m = logits.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
    true_logit = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean().float()
