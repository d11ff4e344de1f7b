"""Reads `batches` as the number of windows and puts one window in each batch."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = 'n = batches instead of batches * batch_size: each batch holds a single window, far less text is scored'
NAMED_BY = r"one window|n ?= ?batches|windows? per batch|too few windows|batches ?\* ?batch_size|ignor\w* batch_size"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches
    span = len(data) - block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    losses = []
    try:
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b:b + 1]
                x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk]).to(device)
                _, loss = model(x, y)
                losses.append(loss.item())
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
