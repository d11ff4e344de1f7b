"""Forgets the config."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "config not saved"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step, "extra": extra or {}}, path)
