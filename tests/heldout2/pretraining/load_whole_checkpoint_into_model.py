"""Hands the whole checkpoint dict to model.load_state_dict instead of checkpoint["model"]: the
strict load then finds keys step, config, ... and none of the model's own."""

EXERCISE = "pretraining.load_checkpoint"
MISCONCEPTION = "model.load_state_dict(checkpoint) with the whole dict instead of checkpoint['model']"
NAMED_BY = r"load_state_dict|checkpoint\[.?model|missing key|unexpected key|weights (not|never) (restored|loaded)|whole (checkpoint|dict)"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint)
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
