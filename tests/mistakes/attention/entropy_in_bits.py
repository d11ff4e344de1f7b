"""Uses log2, so the entropy comes out in bits instead of nats."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "entropy in bits (log base 2)"

import torch


def attention_entropy(weights):
    return -(weights * torch.log2(weights.clamp_min(1e-12))).sum(-1).mean(-1)
