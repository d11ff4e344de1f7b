"""Manual clipping whose 'global' norm is the sum of the per-parameter norms, not sqrt of the sum of squares."""

EXERCISE = "pretraining.train_step"
DIAGNOSIS = "the 'global' norm is the sum of the parameters' norms"

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    grad_norm = sum(g.norm() for g in grads)
    if grad_clip and grad_norm > grad_clip:
        for g in grads:
            g.mul_(grad_clip / grad_norm)
    optimizer.step()
    return loss.item(), float(grad_norm)
