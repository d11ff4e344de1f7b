"""Reads the PyTorch tutorial's key names, which save_checkpoint does not write."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "a key save_checkpoint does not write"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
