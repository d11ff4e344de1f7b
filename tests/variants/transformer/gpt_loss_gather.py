"""The mean cross-entropy by hand: gather each target's log-probability and average over all B·T positions."""

EXERCISE = "transformer.GPT"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        log_probs = F.log_softmax(logits, dim=-1)  # (B, T, V)
        return logits, -log_probs.gather(-1, targets.unsqueeze(-1)).mean()
