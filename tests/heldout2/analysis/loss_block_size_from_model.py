"""Reads the window length from model.block_size instead of the block_size argument, assuming the two
are always the same: scoring a model on shorter windows than it was built for is impossible."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = "uses model.block_size instead of the block_size argument"
NAMED_BY = r"model\.block_size|block_size argument|window length"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    block_size = model.block_size
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        losses = []
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b * batch_size:(b + 1) * batch_size]
                x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk]).to(device)
                _, loss = model(x, y)
                losses.append(float(loss))
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
