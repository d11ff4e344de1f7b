"""Wraps the forward pass in torch.autocast(bfloat16) itself, to train faster."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "train_step picks a dtype itself (bf16 autocast, also on the CPU); dtypes are the caller's: the loss and gradients change"
NAMED_BY = r"autocast|bf16|bfloat16|dtype|precision"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16):
        logits, _ = model(x)
        B, T, V = logits.shape
        loss = cross_entropy(logits.reshape(B * T, V), y.reshape(B * T))
    loss.backward()
    max_norm = grad_clip if grad_clip else math.inf
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item(), float(grad_norm)
