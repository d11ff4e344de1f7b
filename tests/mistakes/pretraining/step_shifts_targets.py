"""Shifts the targets again: y is already the next token, but the loss pairs logits[:, :-1] with y[:, 1:]."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "the targets are shifted again"

import math
import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    V = logits.size(-1)
    loss = cross_entropy(logits[:, :-1].reshape(-1, V), y[:, 1:].reshape(-1))
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    optimizer.step()
    return loss.item(), float(grad_norm)
