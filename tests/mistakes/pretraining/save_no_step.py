"""Forgets the step."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "step not saved"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "config": config, "extra": extra or {}}, path)
