"""Takes the negatives but scores only the true pair."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "negatives left out"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        positive = (self.center_emb(center) * self.context_emb(context)).sum(-1)
        return -F.logsigmoid(positive).mean()
