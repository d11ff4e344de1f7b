"""Calls model.train() first, to make sure dropout is on while training."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "train_step changes the model's mode; the mode is the caller's to set (an eval-mode model comes back in train mode)"
NAMED_BY = r"\bmode\b|model\.train|eval mode|caller's"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    model.train()
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    max_norm = grad_clip if grad_clip else math.inf
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item(), float(grad_norm)
