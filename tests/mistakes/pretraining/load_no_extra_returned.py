"""Returns step and config but forgets extra."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "extra not returned"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"]}
