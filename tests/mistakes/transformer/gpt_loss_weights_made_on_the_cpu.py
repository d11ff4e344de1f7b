"""Weighs the loss of each position with a tensor built on the CPU: right on the CPU, a device
error on a GPU."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "a tensor made in forward stays on the CPU: make it with device=idx.device"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T = idx.shape
        losses = F.cross_entropy(logits.view(B * T, -1), targets.view(B * T), reduction="none")
        weights = torch.ones(B * T) / (B * T)  # noqa: F821 - torch, from the solved file
        return logits, (losses * weights).sum()
