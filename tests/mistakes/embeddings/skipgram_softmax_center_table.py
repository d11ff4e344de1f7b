"""Scores the candidate contexts against the center table: one table for both roles."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "context words scored with the center table E"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821 - the solved SkipGram above this file in the learner's module
    def full_softmax_loss(self, center, context):
        return F.cross_entropy(self.center_emb(center) @ self.center_emb.weight.T, context)
