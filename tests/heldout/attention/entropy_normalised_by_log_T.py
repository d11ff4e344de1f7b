"""Divides each map's entropy by ln T_k, so a uniform row scores 1 whatever its length."""

EXERCISE = "attention.attention_entropy"
MISCONCEPTION = "normalises the entropy by ln(T_k) (normalised entropy in [0, 1]) instead of returning nats"
NAMED_BY = r"normali[sz]|divid\w* by (ln|log)|ln ?\(?T|log ?\(?T|not in nats|\[0, 1\]"

import math

import torch


def attention_entropy(weights):
    H = -torch.special.xlogy(weights, weights).sum(-1)
    return H.mean(-1) / math.log(weights.size(-1))
