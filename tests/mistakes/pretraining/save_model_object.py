"""Pickles the model object itself, which weights_only loading refuses."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "the file pickles whole objects"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model, "optimizer": optimizer.state_dict(), "step": step, "config": config, "extra": extra or {}}, path)
