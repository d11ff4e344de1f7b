"""Returns the additive float mask of nn.Transformer.generate_square_subsequent_mask (0 where
allowed, -inf above the diagonal) instead of the course's bool mask where True means may attend."""

EXERCISE = "attention.causal_mask"
MISCONCEPTION = "an additive float mask of 0 and -inf instead of a bool mask (True = may attend)"
NAMED_BY = r"bool|dtype|float|additive|-inf"

import torch


def causal_mask(T, device=None):
    return torch.full((T, T), float("-inf"), device=device).triu(1)
