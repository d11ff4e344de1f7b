"""Builds one 256×256 mask at import and slices it, like a registered buffer of block_size."""

EXERCISE = "attention.causal_mask"
MISCONCEPTION = "mask sliced from a fixed-size precomputed table: for T above 256 the result is only 256x256"
NAMED_BY = r"(large|larger|long|longer) T\b|T ?> ?256|fixed.size|precomputed|cache|has shape \(256"

import torch

_FULL = torch.ones(256, 256, dtype=torch.bool).tril()


def causal_mask(T, device=None):
    return _FULL[:T, :T].to(device)
