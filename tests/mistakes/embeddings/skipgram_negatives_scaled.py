"""Divides the scores by sqrt(dim), as attention does."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "scores divided by √dim"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        scale = c.size(-1) ** 0.5
        positive = (c * self.context_emb(context)).sum(-1) / scale
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1) / scale
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()
