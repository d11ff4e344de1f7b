"""reduction="sum": the loss, and the step size, grow with the batch."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "loss summed over the batch instead of averaged"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        return F.cross_entropy(self.center_emb(center) @ self.context_emb.weight.T, context, reduction="sum")
