"""Always loads the optimizer, even when none is given."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "fails without an optimizer"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
