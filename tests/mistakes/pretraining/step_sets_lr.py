"""Sets the learning rate itself (to a schedule's first value) before stepping."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "train_step sets the learning rate"

import math
import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    for group in optimizer.param_groups:
        group["lr"] = 6e-4
    optimizer.step()
    return loss.item(), float(grad_norm)
