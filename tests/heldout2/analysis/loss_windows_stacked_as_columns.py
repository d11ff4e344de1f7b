"""Stacks the windows with dim=1, so x is (block_size, batch_size): each row of the batch the model
sees is one position taken across several windows, not a window of the text."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = "windows stacked along dim 1, giving (block_size, batch_size) inputs instead of (batch_size, block_size)"
NAMED_BY = r"shape|stack|transpos|\(batch_size, block_size\)|columns"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
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
                x = torch.stack([data[s:s + block_size] for s in chunk], dim=1).to(device)
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk], dim=1).to(device)
                _, loss = model(x, y)
                losses.append(float(loss))
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
