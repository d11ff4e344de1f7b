"""Written to a temporary file beside `path`, then moved over it with os.replace (as the worker does)."""

EXERCISE = "pretraining.save_checkpoint"

import os

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    temporary = f"{path}.tmp"
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
                "config": config, "extra": {} if extra is None else extra}, temporary)
    os.replace(temporary, path)
