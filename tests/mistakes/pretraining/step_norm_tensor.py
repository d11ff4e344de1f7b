"""Returns loss.item() but the norm clip_grad_norm_ gives, a tensor."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "returns tensors"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))  # noqa: F821 - the solved cross_entropy above
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    optimizer.step()
    return loss.item(), grad_norm
