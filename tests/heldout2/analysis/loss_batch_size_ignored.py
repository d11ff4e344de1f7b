"""Uses a fixed batch of 8 windows (the default) whatever batch_size is passed: the argument is
ignored, so the windows and their number differ from the docstring's batches * batch_size."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = "ignores the batch_size argument and always uses 8"
NAMED_BY = r"batch_size (argument|ignored|is ignored)|ignor|always (uses )?8"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    batch_size = 8
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
