"""Shifts the targets again, though get_batch already did."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "targets shifted again inside forward: targets[:, t] already is the token after idx[:, t]"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        return logits, F.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), targets[:, 1:].reshape(-1))
