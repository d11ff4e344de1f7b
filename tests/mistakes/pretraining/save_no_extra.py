"""Drops extra, where the worker keeps its RNG states."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "extra not saved"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step, "config": config}, path)
