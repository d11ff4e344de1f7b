"""Restores the weights but not the optimizer."""

EXERCISE = "pretraining.load_checkpoint"
DIAGNOSIS = "optimizer state not restored"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])

    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
