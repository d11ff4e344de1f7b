"""Computes everything in the logits' own dtype: bf16 logits give a bf16 loss."""

EXERCISE = "pretraining.cross_entropy"
MISCONCEPTION = "half-precision logits are not upcast to float32: the loss is summed in bf16/fp16, losing digits, and comes back in that dtype"
NAMED_BY = r"float32|bf16|bfloat16|half|upcast|dtype|precision"

import torch


def cross_entropy(logits, targets):
    m = logits.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
    true_logit = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean()
