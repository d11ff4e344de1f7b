"""Slices the windows out of data and hands them to the model as they are: right while model
and data are both on the CPU, a device error once the model is on a GPU."""

EXERCISE = "analysis.evaluate_loss"
DIAGNOSIS = "the windows stay where data is"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]
    was_training = model.training
    model.eval()
    try:
        losses = []
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b * batch_size:(b + 1) * batch_size]
                x = torch.stack([data[s:s + block_size] for s in chunk])
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk])
                losses.append(float(model(x, y)[1]))
        return sum(losses) / len(losses)
    finally:
        model.train(was_training)
