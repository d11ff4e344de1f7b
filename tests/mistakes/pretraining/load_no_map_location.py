"""Loads without map_location: a file saved on a GPU cannot open on a machine without one."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "no map_location=\"cpu\""

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
