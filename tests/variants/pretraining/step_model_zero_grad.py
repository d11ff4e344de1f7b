"""The gradients cleared with model.zero_grad(), the loss on flattened views, the norm from
clip_grad_norm_ with an infinite limit when there is nothing to clip, returned with .item()."""

EXERCISE = "pretraining.train_step"

import torch


def train_step(model, optimizer, x, y, grad_clip):
    model.zero_grad(set_to_none=True)
    logits, _ = model(x)
    loss = cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
    loss.backward()
    limit = float(grad_clip) if grad_clip else float("inf")
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=limit)
    optimizer.step()
    return loss.item(), norm.item()
