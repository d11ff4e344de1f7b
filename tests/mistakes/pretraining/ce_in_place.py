"""Subtracts the maximum in place: z = logits.float() is logits itself when they are float32."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "your code changed its input in place"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values
    z -= m
    log_sum_exp = torch.log(torch.exp(z).sum(dim=-1))
    true_logit = z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean()
