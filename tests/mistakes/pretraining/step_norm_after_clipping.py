"""Reports the gradient norm measured again after clipping."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "grad_norm measured after clipping"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))  # noqa: F821 - the solved cross_entropy above
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    grad_norm = torch.linalg.vector_norm(torch.stack([p.grad.norm() for p in model.parameters() if p.grad is not None]))
    optimizer.step()
    return loss.item(), float(grad_norm)
