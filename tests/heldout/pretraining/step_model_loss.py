"""Passes the targets to the model and trains on the loss the model returns."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "uses the model's own loss (model(x, y)) instead of this file's cross_entropy on the model's logits"
NAMED_BY = r"model's (own )?loss|own loss|model\(x, y\)|targets (to|passed)|not (your|this file's) cross_entropy"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    _, loss = model(x, y)
    loss.backward()
    max_norm = grad_clip if grad_clip else math.inf
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item(), float(grad_norm)
