"""Returns the whole checkpoint dict, state dicts included."""

EXERCISE = "pretraining.load_checkpoint"
MISCONCEPTION = "returns the full checkpoint (model and optimizer states too) instead of {step, config, extra}"
NAMED_BY = r"returns? (the )?(whole|full|entire)|only (step, config|the three)|state dicts?|extra keys|\bkeys\b"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint
