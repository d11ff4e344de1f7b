"""Reports the norm of the parameters themselves (p.norm()) instead of their gradients (p.grad):
an easy slip when the loop is over model.parameters()."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "grad_norm computed from the weights instead of the gradients"
NAMED_BY = r"weights|parameters themselves|p\.norm|not (the |their )?gradients"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))  # noqa: F821
    loss.backward()
    params = list(model.parameters())
    grad_norm = torch.sqrt(sum(p.detach().float().pow(2).sum() for p in params))
    torch.nn.utils.clip_grad_norm_(params, grad_clip if grad_clip else math.inf)
    optimizer.step()
    return loss.item(), float(grad_norm)
