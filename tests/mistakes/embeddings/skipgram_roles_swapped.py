"""The two signs swapped: σ(−s) for the true context and σ(+s) for the negatives."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "positive and negative roles swapped"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(-positive) + F.logsigmoid(negative).sum(-1)).mean()
