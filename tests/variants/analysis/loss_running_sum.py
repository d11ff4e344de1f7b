"""A running total instead of a list, windows built with a nested loop, mode restored with
`if was_training: model.train()`."""

EXERCISE = "analysis.evaluate_loss"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    total_windows = batches * batch_size
    last_start = len(data) - block_size - 1
    denominator = total_windows - 1 if total_windows > 1 else 1
    starts = [i * last_start // denominator for i in range(total_windows)]
    device = next(iter(model.parameters())).device
    was_training = model.training
    model.eval()
    total = 0.0
    try:
        with torch.no_grad():
            for b in range(batches):
                xs, ys = [], []
                for s in starts[b * batch_size:(b + 1) * batch_size]:
                    xs.append(data[s:s + block_size])
                    ys.append(data[s + 1:s + 1 + block_size])
                x = torch.stack(xs).to(device)
                y = torch.stack(ys).to(device)
                total += model(x, targets=y)[1].item()
    finally:
        if was_training:
            model.train()
    return total / batches
