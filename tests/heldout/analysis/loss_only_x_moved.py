"""Moves the inputs to the model's device and forgets the targets."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = "y stays on the data's device while x goes to the model's: the loss fails on a GPU model with CPU data"
NAMED_BY = r"\by\b.{0,30}(device|moved)|targets?.{0,30}(device|moved|cpu)|both x and y|x and y.{0,20}device"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    losses = []
    try:
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b * batch_size:(b + 1) * batch_size]
                x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk])
                _, loss = model(x, y)
                losses.append(loss.item())
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
