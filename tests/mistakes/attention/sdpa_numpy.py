"""Does the maths in numpy (after .detach(), since .numpy() refuses tensors that need grad)."""

EXERCISE = "attention.scaled_dot_product_attention"
DIAGNOSIS = "computed outside autograd (numpy, .detach() or .data)"

import numpy as np
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    q, k, v = (t.detach().numpy() for t in (q, k, v))
    scores = q @ np.swapaxes(k, -2, -1) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask.numpy(), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return torch.from_numpy(weights @ v), torch.from_numpy(weights)
