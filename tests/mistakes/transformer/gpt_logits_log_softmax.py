"""Returns log-probabilities, log_softmax(logits): the loss is the same, the logits are not."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "log_softmax applied to the logits"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, loss = super().forward(idx, targets)
        return F.log_softmax(logits, dim=-1), loss
