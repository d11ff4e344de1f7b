"""Loads the weights into a deep copy of the model "so a failed load cannot damage it", then throws
the copy away: the caller's model is not restored in place."""

EXERCISE = "pretraining.load_checkpoint"
MISCONCEPTION = "loads the state dict into a copy of the model, so the caller's model is unchanged"
NAMED_BY = r"in place|weights (not|never)|not restored|unchanged|not loaded|copy"

import copy

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    restored = copy.deepcopy(model)
    restored.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
