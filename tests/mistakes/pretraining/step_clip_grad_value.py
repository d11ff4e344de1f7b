"""Clips each gradient element to ±grad_clip (clip_grad_value_) instead of the global norm."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "gradients clipped element by element"

import math
import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), math.inf)
    if grad_clip:
        torch.nn.utils.clip_grad_value_(model.parameters(), grad_clip)
    optimizer.step()
    return loss.item(), float(grad_norm)
