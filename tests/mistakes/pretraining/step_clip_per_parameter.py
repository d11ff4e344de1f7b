"""Clips every parameter's gradient to grad_clip on its own, not their global norm."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "each parameter's gradient clipped on its own"

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
        for p in model.parameters():
            torch.nn.utils.clip_grad_norm_(p, grad_clip)
    optimizer.step()
    return loss.item(), float(grad_norm)
