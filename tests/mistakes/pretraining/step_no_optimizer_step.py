"""Forgets optimizer.step(): the weights never move."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "the weights did not move"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))  # noqa: F821 - the solved cross_entropy above
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    return loss.item(), float(grad_norm)
