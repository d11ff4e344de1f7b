"""Calls torch.load(path, weights_only=True) without map_location."""

EXERCISE = "pretraining.load_checkpoint"
MISCONCEPTION = "no map_location: a checkpoint written on a GPU fails to open on a machine without one"
NAMED_BY = r"map_location|\bcpu\b|gpu|cuda|device"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
