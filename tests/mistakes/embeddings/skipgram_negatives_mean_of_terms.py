"""Concatenates the k + 1 log-sigmoids of each row and takes one .mean() over all of them."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "averaged over the k + 1 terms of each row too"

import torch
import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        terms = torch.cat([F.logsigmoid(positive)[:, None], F.logsigmoid(-negative)], dim=1)  # (B, k + 1)
        return -terms.mean()
