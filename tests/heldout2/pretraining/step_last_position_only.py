"""Computes the loss on the last position only, logits[:, -1] against y[:, -1], the way generate reads
the model: every other position's prediction is left out of the loss, and so out of the gradients."""

EXERCISE = "pretraining.train_step"
MISCONCEPTION = "loss on the last position only instead of all B*T positions"
NAMED_BY = r"last position|every position|all (the )?positions|B ?[·*] ?T|flatten|positions"

import math

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(set_to_none=True)
    logits, _ = model(x)
    loss = cross_entropy(logits[:, -1, :], y[:, -1])  # noqa: F821
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip if grad_clip else math.inf)
    optimizer.step()
    return loss.item(), float(grad_norm)
