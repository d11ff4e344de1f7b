"""Returns z[y] - logsumexp(z), the log-probability, not its negative."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "sign flipped"

import torch


def cross_entropy(logits, targets):
    m = logits.max(dim=-1, keepdim=True).values
    log_sum_exp = m.squeeze(-1) + torch.log(torch.exp(logits - m).sum(dim=-1))
    return (logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1) - log_sum_exp).mean()
