"""Clamps the logits to [-80, 80] before exp to stop it overflowing."""

EXERCISE = "pretraining.cross_entropy"
MISCONCEPTION = "clamping the logits instead of subtracting the row max changes the loss whenever a logit is beyond the clamp (logits of 1e4 give a wrong loss)"
NAMED_BY = r"clamp\w*|clip\w*|subtract\w* (the )?(row )?max|max(imum)? (is not|isn't|not) subtracted|log.?sum.?exp"

import torch


def cross_entropy(logits, targets):
    z = logits.float().clamp(-80.0, 80.0)
    log_sum_exp = torch.log(torch.exp(z).sum(dim=-1))
    true_logit = z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return (log_sum_exp - true_logit).mean()
