"""Returns shape (1,): the mean kept a dimension."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "returns shape (1,)"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(z - m).sum(dim=-1))
    true_logit = z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean(dim=0, keepdim=True)
