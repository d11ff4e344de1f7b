"""Averages the positive term over the batch but sums the negatives over the whole batch."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "negatives' term summed over the whole batch"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -F.logsigmoid(positive).mean() - F.logsigmoid(-negative).sum()
