"""Loads with strict=False: a missing weight passes silently."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "strict=False hides missing weights"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"], strict=False)
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
