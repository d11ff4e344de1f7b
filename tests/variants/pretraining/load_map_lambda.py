"""map_location as a function that keeps every storage where torch.load builds it (the CPU)."""

EXERCISE = "pretraining.load_checkpoint"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location=lambda storage, location: storage, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
