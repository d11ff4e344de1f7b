"""Means over the k negatives: their pull shrinks as k grows."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "negatives averaged instead of summed"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).mean(-1)).mean()
