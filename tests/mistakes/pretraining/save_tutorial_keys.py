"""Names the entries after the PyTorch tutorial: model_state_dict, optimizer_state_dict, epoch."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "keys named as in PyTorch's tutorial"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model_state_dict": model.state_dict(), "optimizer_state_dict": optimizer.state_dict(),
                "step": step, "config": config, "extra": extra or {}}, path)
