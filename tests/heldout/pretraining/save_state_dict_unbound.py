"""Writes model.state_dict without the parentheses."""

EXERCISE = "pretraining.save_checkpoint"
MISCONCEPTION = "saves the bound method model.state_dict instead of calling it; weights_only loading refuses it and there are no weights in the file"
NAMED_BY = r"state_dict\(\)|call\w*|method|parenthes|bound"

import json

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict, "optimizer": optimizer.state_dict(),
                "step": step, "config": config, "extra": extra or {}}, path)
