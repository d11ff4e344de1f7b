"""Reports the loss recomputed after the update, not the loss the step was taken on."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "the loss reported is recomputed after optimizer.step()"

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
    with torch.no_grad():
        logits, _ = model(x)
        loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    return loss.item(), float(grad_norm)
