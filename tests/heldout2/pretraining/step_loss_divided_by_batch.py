"""Divides the loss by the batch size before backward, "averaging over the batch" a loss that
cross_entropy already averaged: the reported loss, the gradients and so the update are all B times
too small."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "divides the already-mean loss by the batch size again"
NAMED_BY = r"batch size|divid|scal|twice|B times|averag"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T)) / B  # noqa: F821
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    optimizer.step()
    return loss.item(), float(grad_norm)
