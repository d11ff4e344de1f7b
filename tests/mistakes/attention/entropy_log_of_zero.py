"""Takes w * log(w) straight: a masked key has weight 0, log 0 = -inf, and 0 * -inf is NaN."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "0 · log 0 gave NaN"

import torch


def attention_entropy(weights):
    return -(weights * weights.log()).sum(-1).mean(-1)
