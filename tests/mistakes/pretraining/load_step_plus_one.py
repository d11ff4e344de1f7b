"""Returns step + 1, the next step to run, instead of the saved step."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "returns step + 1"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"] + 1, "config": checkpoint["config"], "extra": checkpoint["extra"]}
