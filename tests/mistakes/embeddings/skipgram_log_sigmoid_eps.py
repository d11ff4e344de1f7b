"""log(σ(x) + 1e-10): finite, but capped at 23 per term for large scores."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "log σ with an ε or a clamp"

import torch


class SkipGram(SkipGram):  # noqa: F821
    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        log_sigmoid = lambda x: torch.log(torch.sigmoid(x) + 1e-10)  # noqa: E731
        return -(log_sigmoid(positive) + log_sigmoid(-negative).sum(-1)).mean()
