"""Starts as a tensor, torch.arange(n) * span // max(n - 1, 1) (integer arithmetic, so the
same floor), windows by unfold over the data, one mode flag restored in a finally; the mean of
the batch losses as a tensor, turned into a float at the end."""

EXERCISE = "analysis.evaluate_loss"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = torch.arange(n) * span // max(n - 1, 1)
    windows = data.unfold(0, block_size + 1, 1)[starts]  # (n, block_size + 1): x and its next token
    device = next(model.parameters()).device
    mode = model.training
    model.train(False)
    try:
        with torch.inference_mode():
            losses = torch.stack([model(chunk[:, :-1].to(device), chunk[:, 1:].to(device))[1]
                                  for chunk in windows.split(batch_size)])
    finally:
        model.train(mode)
    return losses.mean().item()
