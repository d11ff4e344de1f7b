"""Spreads extra into the top-level dict (**extra) instead of keeping it under "extra"."""

EXERCISE = "pretraining.save_checkpoint"
MISCONCEPTION = "extra's entries are merged into the checkpoint's top level: there is no 'extra' key and they can overwrite model, step or config"
NAMED_BY = r"extra|top.?level|spread"

import json

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step, "config": config, **(extra or {})}, path)
