"""Puts the model back in its mode after the loop, but not in a finally."""

EXERCISE = "analysis.evaluate_loss"
MISCONCEPTION = 'the mode is restored only on success: if the model raises during evaluation it is left in eval mode'
NAMED_BY = r"finally|exception|(when|if) (the model |it |something |forward )?raises|error path|restor\w* (the |its )?(training )?mode|mode.{0,40}(restor|left in eval)"

import torch


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    losses = []
    with torch.no_grad():
        for b in range(batches):
            chunk = starts[b * batch_size:(b + 1) * batch_size]
            x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
            y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk]).to(device)
            _, loss = model(x, y)
            losses.append(loss.item())
    model.train(was_training)
    return sum(losses) / len(losses)
