"""Multiplies log p by a one-hot matrix and takes .mean() over all B·V entries."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "averaged over all B·V entries"

import torch.nn.functional as F


class SkipGram(SkipGram):  # noqa: F821
    def full_softmax_loss(self, center, context):
        log_p = F.log_softmax(self.center_emb(center) @ self.context_emb.weight.T, dim=-1)
        one_hot = F.one_hot(context, log_p.size(-1)).float()
        return -(one_hot * log_p).mean()
