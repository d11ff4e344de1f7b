"""torch.save into an open file object; the dict built with dict(...) keywords."""

EXERCISE = "pretraining.save_checkpoint"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    state = dict(
        model=model.state_dict(),
        optimizer=optimizer.state_dict(),
        step=step,
        config=config,
        extra={} if not extra else extra,
    )
    with open(path, "wb") as handle:
        torch.save(state, handle)
