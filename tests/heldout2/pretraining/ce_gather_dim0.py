"""Gathers the true logit along dim=0 with targets as a row, logits.gather(0, targets[None]):
entry i is then logits[targets[i], i], a row picked by the target in column i, instead of column
targets[i] of row i."""

EXERCISE = "pretraining.cross_entropy"
MISCONCEPTION = "gather along dim 0 picks logits[targets[i], i] instead of logits[i, targets[i]]"
NAMED_BY = r"gather|true (token|class|logit)|target('s)? (logit|column)|column targets|logits\[i, ?targets|Size does not match"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values
    logsumexp = m.squeeze(-1) + torch.log(torch.exp(z - m).sum(dim=-1))
    true_logit = z.gather(0, targets.unsqueeze(0)).squeeze(0)
    return (logsumexp - true_logit).mean()
