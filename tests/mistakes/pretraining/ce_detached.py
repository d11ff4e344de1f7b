"""Computes the loss under torch.no_grad(): no gradient reaches the logits."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "the loss is cut off from the graph"

import torch


def cross_entropy(logits, targets):
    with torch.no_grad():
        m = logits.max(dim=-1, keepdim=True).values
        log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
        return (log_sum_exp - logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)).mean()
