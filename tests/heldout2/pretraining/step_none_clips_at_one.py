"""Treats grad_clip None as "use the usual default" and clips at 1.0, as nanoGPT's config does:
a run that asked for no clipping is clipped anyway."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "grad_clip None (or 0) clips at 1.0 instead of not clipping"
NAMED_BY = r"clip|None|no clipping|grad_clip"

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))  # noqa: F821
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip or 1.0)
    optimizer.step()
    return loss.item(), float(grad_norm)
