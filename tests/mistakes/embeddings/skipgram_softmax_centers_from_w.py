"""Looks the center words up in the context table W as well: W[c] @ W.T."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "center words looked up in the context table W"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        return F.cross_entropy(self.context_emb(center) @ self.context_emb.weight.T, context)
