"""Unpickles with weights_only=False: a file from elsewhere can run code."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "loaded with weights_only=False"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=False)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
