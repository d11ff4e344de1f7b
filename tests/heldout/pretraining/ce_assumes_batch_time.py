"""Unpacks logits as (B, T, V), the GPT's shape, and flattens it itself."""

EXERCISE = "pretraining.cross_entropy"
MISCONCEPTION = "assumes 3-D (B, T, V) logits; the contract passes (N, V), which fails to unpack"
NAMED_BY = r"3-?D\b|\(N, V\)|\(B, T, V\)|2-?D\b|unpack|three dim"

import torch


def cross_entropy(logits, targets):
    B, T, V = logits.shape
    z = logits.float().reshape(B * T, V)
    targets = targets.reshape(B * T)
    m = z.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(z - m).sum(dim=-1))
    true_logit = z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean()
