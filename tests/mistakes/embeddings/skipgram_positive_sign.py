"""Puts the minus on the true context's score: −log σ(−s)."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "true context scored with σ(−s)"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(-positive) + F.logsigmoid(-negative).sum(-1)).mean()
