"""All windows gathered at once with an index matrix, sliced per batch; a @torch.no_grad()
helper; the mean via statistics.fmean."""

EXERCISE = "analysis.evaluate_loss"

import statistics

import torch


@torch.no_grad()
def _batch_losses(model, x_all, y_all, batches, batch_size):
    out = []
    for b in range(batches):
        rows = slice(b * batch_size, (b + 1) * batch_size)
        _, loss = model(x_all[rows], y_all[rows])
        out.append(float(loss))
    return out


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    if span < 0:
        raise ValueError("data is too short for even one window")
    starts = torch.tensor([i * span // max(n - 1, 1) for i in range(n)], dtype=torch.long)
    offsets = torch.arange(block_size)
    device = next(model.parameters()).device
    x_all = data[starts[:, None] + offsets].to(device)  # (n, block_size)
    y_all = data[starts[:, None] + offsets + 1].to(device)
    previous_mode = model.training
    model.eval()
    try:
        losses = _batch_losses(model, x_all, y_all, batches, batch_size)
    finally:
        model.train(previous_mode)
    return statistics.fmean(losses)
