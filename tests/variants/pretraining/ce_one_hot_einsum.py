"""The true token's logit picked by an einsum with a one-hot matrix instead of gather, and the
row maximum from amax: the same numbers, so the same loss and gradient."""

EXERCISE = "pretraining.cross_entropy"

import torch
import torch.nn.functional as F


def cross_entropy(logits, targets):
    z = logits.to(torch.float32)
    m = z.amax(dim=-1, keepdim=True)  # (N, 1)
    log_sum_exp = (m + torch.log(torch.exp(z - m).sum(dim=-1, keepdim=True))).squeeze(-1)  # (N,)
    one_hot = F.one_hot(targets, num_classes=z.shape[-1]).to(z.dtype)  # (N, V)
    true_logit = torch.einsum("nv,nv->n", z, one_hot)
    return torch.sum(log_sum_exp - true_logit) / z.shape[0]
