"""The loss as log_softmax followed by nll_loss: exactly F.cross_entropy, written in its two steps."""

EXERCISE = "transformer.GPT"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T, V = logits.shape
        log_probs = F.log_softmax(logits.view(B * T, V), dim=-1)
        return logits, F.nll_loss(log_probs, targets.view(B * T))
