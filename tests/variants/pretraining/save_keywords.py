"""torch.save with keyword arguments, the keys filled in a loop from a tuple of names."""

EXERCISE = "pretraining.save_checkpoint"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    values = (model.state_dict(), optimizer.state_dict(), step, config, extra or {})
    checkpoint = {}
    for key, value in zip(("model", "optimizer", "step", "config", "extra"), values):
        checkpoint[key] = value
    torch.save(obj=checkpoint, f=path)
