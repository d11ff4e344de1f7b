"""Returns step + 1, the step the resumed run should take next."""

EXERCISE = "pretraining.load_checkpoint"
MISCONCEPTION = "returns the saved step plus one instead of the saved step"
NAMED_BY = r"step ?\+ ?1|plus one|off.by.one|next step|step (is )?(one )?too (high|large)"

import torch


def load_checkpoint(path, model, optimizer=None):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if optimizer is not None:
        optimizer.load_state_dict(checkpoint["optimizer"])
    return {"step": checkpoint["step"] + 1, "config": checkpoint["config"], "extra": checkpoint["extra"]}
