"""Predicts the center word from the context word's vector."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "center and context swapped"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        return F.cross_entropy(self.center_emb(context) @ self.context_emb.weight.T, center)
