"""Looks the negatives up in the center table: the true context comes from W, the negatives from E."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "negatives looked up in the center table E"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.center_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()
