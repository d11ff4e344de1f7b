"""Opens the file with map_location="cuda" because "the model trains on the GPU": on a machine
without CUDA (a laptop, the grader) loading raises, instead of opening on the CPU and letting
load_state_dict move the values."""

EXERCISE = "pretraining.load_checkpoint"
MISCONCEPTION = "map_location='cuda' instead of 'cpu', so loading fails without a GPU"
NAMED_BY = r"map_location|cuda|cpu|gpu|device"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cuda", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"], "config": checkpoint["config"], "extra": checkpoint["extra"]}
