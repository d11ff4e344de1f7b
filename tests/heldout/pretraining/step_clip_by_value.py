"""Clips with clip_grad_value_, each entry to [-grad_clip, grad_clip], and reports the norm measured first."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "clips each gradient entry by value instead of scaling the global norm down to grad_clip"
NAMED_BY = r"clip_grad_value|by value|per.?(entry|element)|element.?wise|global norm|scal\w* (all|the) gradients"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    B, T, V = logits.shape
    loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    grad_norm = torch.norm(torch.stack([g.norm() for g in grads]))
    if grad_clip:
        torch.nn.utils.clip_grad_value_(model.parameters(), grad_clip)
    optimizer.step()
    return loss.item(), float(grad_norm)
