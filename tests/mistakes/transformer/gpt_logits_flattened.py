"""Flattens the logits for the loss in place of a copy (as in the bigram-model tutorial), so with targets
forward returns (B*T, V) logits."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "logits returned flattened to (B·T, vocab_size) when targets are given"

import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        if targets is None:
            return logits, None
        B, T, V = logits.shape
        logits = logits.view(B * T, V)
        return logits, F.cross_entropy(logits, targets.view(B * T))
