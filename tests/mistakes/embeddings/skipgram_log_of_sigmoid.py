"""torch.log(torch.sigmoid(x)): right for small scores, −inf once a score passes about −104."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "use F.logsigmoid"

import torch


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(torch.log(torch.sigmoid(positive)) + torch.log(torch.sigmoid(-negative)).sum(-1)).mean()
