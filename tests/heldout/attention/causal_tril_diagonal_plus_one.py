"""Uses tril(diagonal=1), thinking the offset is needed to keep the diagonal."""

EXERCISE = "attention.causal_mask"
MISCONCEPTION = "tril with diagonal=1 keeps one stripe above the diagonal: each position also sees the next token"
NAMED_BY = r"diagonal ?= ?1|tril\(1\)|above the diagonal|one (step|position|token|place) (ahead|into the future|above)|next (token|position)|(stripe|band) above"

import torch


def causal_mask(T, device=None):
    return torch.ones(T, T, dtype=torch.bool, device=device).tril(diagonal=1)
