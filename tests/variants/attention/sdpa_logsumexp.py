"""The weights as exp(scores - logsumexp(scores)), stable for large scores; the mask through torch.where."""

EXERCISE = "attention.scaled_dot_product_attention"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(k.shape[-1])
    if mask is not None:
        scores = torch.where(mask, scores, float("-inf"))
    weights = torch.exp(scores - torch.logsumexp(scores, dim=-1, keepdim=True))
    return torch.matmul(weights, v), weights
