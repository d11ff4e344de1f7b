"""The optimizer restored before the model, the result built by a dict comprehension."""

EXERCISE = "pretraining.load_checkpoint"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, weights_only=True, map_location="cpu")
    if optimizer:
        optimizer.load_state_dict(checkpoint["optimizer"])
    model.load_state_dict(checkpoint["model"], strict=True)
    return {key: checkpoint[key] for key in ("step", "config", "extra")}
