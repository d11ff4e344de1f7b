"""Centers from W, contexts and negatives scored with E: the two tables' roles swapped."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "the two tables swapped"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.context_emb(center)
        positive = (c * self.center_emb(context)).sum(-1)
        negative = (self.center_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()
