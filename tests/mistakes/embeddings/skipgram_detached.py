"""Reads the tables through .data: the loss is right, but no gradient reaches them."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "computed outside autograd"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        E, W = self.center_emb.weight.data, self.context_emb.weight.data
        return F.cross_entropy(E[center] @ W.T, context)
