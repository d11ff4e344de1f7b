"""Treats the boolean mask as an additive mask (as Hugging Face's attention_mask is used) and adds
it to the scores: True adds 1, False adds 0, so masked keys are not hidden at all."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "adds the bool mask to the scores as if it were an additive (0 / -inf) mask, so masked keys keep weight"
NAMED_BY = r"mask|-inf|hidden key|masked key"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores + mask.to(scores.dtype)
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
