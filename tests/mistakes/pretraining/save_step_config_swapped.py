"""Takes (config, step) in the other order: the file's step is the config and its config the step."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "step and config swapped"

import torch


def save_checkpoint(path, model, optimizer, config, step, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step, "config": config, "extra": extra or {}}, path)
