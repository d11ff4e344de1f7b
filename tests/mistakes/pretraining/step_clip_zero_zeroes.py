"""Treats only None as no clipping: grad_clip=0 scales every gradient to 0."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "grad_clip=0 clips every gradient to zero"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))  # noqa: F821 - the solved cross_entropy above
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), math.inf if grad_clip is None else grad_clip)
    optimizer.step()
    return loss.item(), float(grad_norm)
