"""Makes the targets with torch.roll(x, -1) instead of slicing the data one further: the last target
of every window wraps around to the window's first token instead of the token that follows it."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = "targets made by rolling x (last target wraps to the window's first token) instead of data[s + 1 : s + block_size + 1]"
NAMED_BY = r"targets?|roll|shift|next token|wrap"

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
                x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
                y = torch.roll(x, shifts=-1, dims=1)
                _, loss = model(x, y)
                losses.append(float(loss))
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
