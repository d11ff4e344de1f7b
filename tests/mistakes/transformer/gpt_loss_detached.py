"""Rebuilds the loss from its value: right number, but no gradient reaches the model."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "the loss is cut off from autograd (.item(), .detach() or torch.tensor(...)): return F.cross_entropy(...) itself"

import torch
import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T, _ = logits.shape
        return logits, torch.tensor(F.cross_entropy(logits.view(B * T, -1), targets.view(B * T)).item())
