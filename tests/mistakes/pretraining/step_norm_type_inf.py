"""Clips the largest gradient element (norm_type=inf) rather than the L2 norm."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "the norm is the largest gradient element"

import math
import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf, norm_type=math.inf)
    optimizer.step()
    return loss.item(), float(grad_norm)
