"""Returns loss.item(): the right number, but a float that cannot backpropagate."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "the loss is returned as a Python number"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        return F.cross_entropy(self.center_emb(center) @ self.context_emb.weight.T, context).item()
