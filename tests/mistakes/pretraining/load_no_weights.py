"""Reads the file but never loads the weights into the model."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "weights not restored"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    pass
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
