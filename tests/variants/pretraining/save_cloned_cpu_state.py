"""The weights cloned to the CPU before saving (what a worker does to free the GPU copy's
storage from the file), extra copied into a new dict: the same values in the same dict."""

EXERCISE = "pretraining.save_checkpoint"

import torch


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    weights = {name: tensor.detach().cpu().clone() for name, tensor in model.state_dict().items()}
    checkpoint = dict(model=weights, optimizer=optimizer.state_dict(), step=step, config=config,
                      extra=dict(extra) if extra is not None else {})
    torch.save(checkpoint, path)
