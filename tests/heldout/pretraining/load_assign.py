"""Loads with load_state_dict(..., assign=True), to avoid a copy."""

EXERCISE = "pretraining.load_checkpoint"
MISCONCEPTION = "assign=True replaces the model's Parameters with the loaded CPU tensors: not in place, the optimiser's parameters are orphaned, the device is lost and the tied head can come apart"
NAMED_BY = r"assign|in place|new (parameter|tensor)s?|replaced (the )?parameters|orphan|\btied\b|tying|same (parameter|object)"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"], assign=True)
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
