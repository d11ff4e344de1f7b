"""Saves step + 1, the step to resume at, instead of the steps taken."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "saves step + 1"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step + 1, "config": config, "extra": extra or {}}, path)
