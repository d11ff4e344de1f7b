"""reduction='none': hands back one loss per row of the batch."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "one loss per row returned"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        return F.cross_entropy(self.center_emb(center) @ self.context_emb.weight.T, context, reduction="none")
