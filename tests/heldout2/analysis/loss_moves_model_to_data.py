"""Moves the model to the data's device (model.to(data.device)) instead of moving the inputs to the
model's: evaluation then changes the model it measures, and a GPU model comes back on the CPU."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = "moves the model to the data's device instead of the inputs to the model's device"
NAMED_BY = r"device|moves? the model|model\.to|parameters"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]
    model.to(data.device)
    device = data.device
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
