"""torch.load from an open file object; the metadata popped off a copy of the dict."""

EXERCISE = "pretraining.load_checkpoint"

import torch


def load_checkpoint(path, model, optimizer=None):
    with open(path, "rb") as f:
        saved = dict(torch.load(f, map_location="cpu", weights_only=True))
    weights = saved.pop("model")
    optimizer_state = saved.pop("optimizer")
    model.load_state_dict(weights)
    if optimizer:
        optimizer.load_state_dict(optimizer_state)
    return {"step": saved["step"], "config": saved["config"], "extra": saved["extra"]}
