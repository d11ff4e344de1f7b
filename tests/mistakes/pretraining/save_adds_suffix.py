"""Appends .pt to the path it was given."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "saved under another name"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step, "config": config, "extra": extra or {}}, str(path) + ".pt")
