"""Picks the true logits with F.one_hot(targets) without num_classes: one_hot sizes its columns by the
largest target in the batch, not by V, so the product with the (N, V) logits fails (or picks the
wrong columns) whenever the batch does not contain token V - 1."""

EXERCISE = "pretraining.cross_entropy"
MISCONCEPTION = "F.one_hot(targets) without num_classes=V, so the one-hot width depends on the batch's largest target"
NAMED_BY = r"one[_ -]hot|num_classes|true (token|logit)|target('s)? (logit|column)|size of tensor"

import torch
import torch.nn.functional as F


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values
    logsumexp = m.squeeze(-1) + torch.log(torch.exp(z - m).sum(dim=-1))
    true_logit = (z * F.one_hot(targets).float()).sum(dim=-1)
    return (logsumexp - true_logit).mean()
