"""Flattens the logits to (B·T, V) but passes y as it is, (B, T)."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "y is not reshaped to (B*T,): the targets do not line up with the flattened logits (shape error in gather)"
NAMED_BY = r"flatten|reshape|view|\(B ?[·*] ?T,?\)|y (is )?not (reshaped|flattened)|targets.{0,30}shape"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    loss = cross_entropy(logits.reshape(-1, logits.size(-1)), y)
    loss.backward()
    max_norm = grad_clip if grad_clip else math.inf
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item(), float(grad_norm)
