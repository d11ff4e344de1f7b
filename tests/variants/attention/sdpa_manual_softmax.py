"""Queries scaled before the product, a hand-written stable softmax, the finfo minimum as the mask value."""

EXERCISE = "attention.scaled_dot_product_attention"

import torch


def _stable_softmax(x):
    shifted = x - x.amax(dim=-1, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=-1, keepdim=True)


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.size(-1)
    q_scaled = q / d_k ** 0.5
    logits = torch.matmul(q_scaled, k.mT)
    if mask is not None:
        logits = logits.masked_fill(mask.logical_not(), torch.finfo(logits.dtype).min)
    attn = _stable_softmax(logits)
    return torch.matmul(attn, v), attn
