"""Clears the gradients after optimizer.step() instead of before the forward pass: from the second
call on it looks right, but gradients the caller left on the model add into the first step."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "gradients already on the model add into this step"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return loss.item(), float(grad_norm)
