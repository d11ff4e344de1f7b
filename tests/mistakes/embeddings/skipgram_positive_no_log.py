"""−σ(s) for the true context (the log forgotten), the negatives right."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "log missing on the true context's term"

import torch
import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(torch.sigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()
