"""Sums the exponentials with .sum(0), down the batch, instead of along each row."""

EXERCISE = "pretraining.cross_entropy"
MISCONCEPTION = "log-sum-exp over the batch axis (dim 0) instead of over the vocabulary (dim -1): wrong or a shape error when N != V"
NAMED_BY = r"dim ?=? ?0|wrong axis|over the (batch|rows)|sum over (the )?(batch|columns)|along each row|per row|over the vocab"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(z - m).sum(dim=0))
    true_logit = z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean()
