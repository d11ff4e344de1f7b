"""Returns probabilities, softmax(logits), though the loss is still computed from the raw logits."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "softmax applied to the logits"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, loss = super().forward(idx, targets)
        return F.softmax(logits, dim=-1), loss
