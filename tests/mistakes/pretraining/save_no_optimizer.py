"""Saves only the weights and the step: AdamW's moments are lost."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "optimizer state not saved"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "step": step, "config": config, "extra": extra or {}}, path)
