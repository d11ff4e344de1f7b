"""Returns (grad_norm, loss): the pair in the wrong order."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "returns (grad_norm, loss)"

import math
import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    optimizer.step()
    return float(grad_norm), loss.item()
