"""Takes span = len(data) - block_size, so the last window's targets run off the end of the data."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = 'off by one: the last start is len(data) - block_size, whose target window is one token short'
NAMED_BY = r"off.by.one|\bspan\b|last (window|start)|past the end|off the end|runs? off|one token short|len\(data\) ?- ?block_size ?- ?1"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size
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
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk]).to(device)
                _, loss = model(x, y)
                losses.append(loss.item())
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
