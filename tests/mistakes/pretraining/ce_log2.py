"""The loss in bits: log2 where the natural log is meant."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "the loss is in bits (log2)"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values
    log_sum_exp = (m.squeeze(-1) + torch.log(torch.exp(z - m).sum(dim=-1)))
    true_logit = z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return ((log_sum_exp - true_logit) / torch.log(torch.tensor(2.0))).mean()
