"""Saves the weights to path and the optimizer and the rest beside it, in path + ".opt"."""

EXERCISE = "pretraining.save_checkpoint"
MISCONCEPTION = "the checkpoint is split over two files; path alone holds only the model weights, not the one dict with optimizer, step, config, extra"
NAMED_BY = r'one (dict|file)|two files|separate files|single file|\.opt\b|missing.{0,30}(optimizer|step|config)|only the (model|weights)|weights not saved under "model"'

import json

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    torch.save(model.state_dict(), path)
    torch.save({"optimizer": optimizer.state_dict(), "step": step, "config": config, "extra": extra or {}}, str(path) + ".opt")
