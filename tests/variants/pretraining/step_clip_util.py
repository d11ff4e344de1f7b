"""Positional zero_grad argument, clip_grad_norm_ with keyword arguments only when clipping,
otherwise the norm measured with torch.norm over the per-parameter norms."""

EXERCISE = "pretraining.train_step"

import torch


def train_step(model, optimizer, x, y, grad_clip):
    optimizer.zero_grad(True)
    logits = model(x)[0]
    vocab = logits.size(-1)
    loss = cross_entropy(logits.reshape(-1, vocab), y.reshape(-1))
    loss.backward()
    params = [p for p in model.parameters() if p.grad is not None]
    if grad_clip is not None and grad_clip > 0:
        norm = torch.nn.utils.clip_grad_norm_(parameters=params, max_norm=grad_clip, norm_type=2.0)
    else:
        norm = torch.norm(torch.stack([p.grad.norm() for p in params])) if params else torch.zeros(())
    optimizer.step()
    return loss.item(), norm.item()
