"""Saves extra as given: None instead of an empty dict."""

EXERCISE = "pretraining.save_checkpoint"
DIAGNOSIS = "extra=None is saved as None"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step, "config": config, "extra": extra}, path)
