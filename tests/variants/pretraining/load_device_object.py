"""map_location as a torch.device, strict=True spelled out, the result built by comprehension."""

EXERCISE = "pretraining.load_checkpoint"

import torch


def load_checkpoint(path, model, optimizer=None):
    ckpt = torch.load(path, weights_only=True, map_location=torch.device("cpu"))
    model.load_state_dict(ckpt["model"], strict=True)
    if optimizer is not None:
        optimizer.load_state_dict(ckpt["optimizer"])
    return {key: ckpt[key] for key in ("step", "config", "extra")}
