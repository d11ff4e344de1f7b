"""Writes the dict with pickle.dump, since "torch.save is pickle anyway": the file is a bare
pickle, not torch's zip format, and torch.load(..., weights_only=True) cannot open it."""

EXERCISE = "pretraining.save_checkpoint"
MISCONCEPTION = "writes the checkpoint with pickle.dump instead of torch.save"
NAMED_BY = r"pickle|torch\.save|zip|format|weights_only|Weights only load failed|cannot be (opened|loaded)"

import pickle


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    checkpoint = {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "step": step,
        "config": config,
        "extra": extra if extra is not None else {},
    }
    with open(path, "wb") as f:
        pickle.dump(checkpoint, f)
