"""Reports the sum of the parameters' gradient norms, and clips by hand with that number."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "the global gradient norm is the sum of per-parameter norms instead of sqrt of the sum of squares, so it is too large and clipping is too strong"
NAMED_BY = r"sum of (the )?(per.?parameter )?norms|sqrt|squares|global (L2 )?norm|\bL2\b|sum of the parameters. norms"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    grad_norm = sum(float(g.norm()) for g in grads)
    if grad_clip and grad_norm > grad_clip:
        for g in grads:
            g.mul_(grad_clip / grad_norm)
    optimizer.step()
    return loss.item(), grad_norm
