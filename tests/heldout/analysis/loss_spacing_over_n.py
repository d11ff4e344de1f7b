"""Spaces the starts as i * span // n, so the last window stops short of the end."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = 'starts spaced by span / n instead of span / (n - 1): the last start is not span and the windows differ from the contract'
NAMED_BY = r"spac\w*|n ?- ?1\b|last (window|start)|evenly"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // n for i in range(n)]
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    losses = []
    try:
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b * batch_size:(b + 1) * batch_size]
                x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk]).to(device)
                _, loss = model(x, y)
                losses.append(loss.item())
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
