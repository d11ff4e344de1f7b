"""Returns the whole file's dict, weights and optimizer state included, instead of step, config and extra."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "returns the whole checkpoint"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint
