"""Saves the model's state dict but the optimizer object itself ("the optimizer belongs in it"):
torch.load(..., weights_only=True) refuses to unpickle an AdamW instance."""

EXERCISE = "pretraining.save_checkpoint"
MISCONCEPTION = "saves the optimizer object instead of optimizer.state_dict()"
NAMED_BY = r"optimizer (object|itself|instance)|optimizer\.state_dict|weights_only|unpickl|Weights only load failed|AdamW"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({
        "model": model.state_dict(),
        "optimizer": optimizer,
        "step": step,
        "config": config,
        "extra": extra if extra is not None else {},
    }, path)
