"""Stores the config as a JSON string, to keep it readable."""

EXERCISE = "pretraining.save_checkpoint"
MISCONCEPTION = "config is saved as a JSON string instead of the plain dict; loading returns a str"
NAMED_BY = r"config.{0,40}(str|string|json|dict)|json"

import json

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step, "config": json.dumps(config), "extra": extra or {}}, path)
