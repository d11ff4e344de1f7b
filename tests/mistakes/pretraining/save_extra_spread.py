"""Spreads extra into the top level instead of keeping it under "extra"."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "extra's entries spread into the top level"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step, "config": config, **(extra or {})}, path)
