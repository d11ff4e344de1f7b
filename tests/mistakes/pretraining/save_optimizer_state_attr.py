"""Saves optimizer.state (the per-parameter buffers keyed by tensors), not optimizer.state_dict()."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "optimizer.state saved, not optimizer.state_dict()"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": dict(optimizer.state),
                "step": step, "config": config, "extra": extra or {}}, path)
