"""Applies softmax, then hands the probabilities to F.cross_entropy, which softmaxes again."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "softmax applied before F.cross_entropy"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        logits = self.center_emb(center) @ self.context_emb.weight.T
        return F.cross_entropy(F.softmax(logits, dim=-1), context)
