"""Tables built with nn.Embedding.from_pretrained(..., freeze=False) from tensors initialised
directly, context table first: the same distributions, drawn in a different order."""

EXERCISE = "embeddings.SkipGram"

import torch
import torch.nn as nn
import torch.nn.functional as F


class SkipGram(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.context_emb = nn.Embedding.from_pretrained(torch.zeros(vocab_size, dim), freeze=False)
        start = torch.empty(vocab_size, dim).uniform_(-0.5 / dim, 0.5 / dim)
        self.center_emb = nn.Embedding.from_pretrained(start, freeze=False)

    def _score(self, center, candidates):
        return self.center_emb(center) @ candidates.T

    def full_softmax_loss(self, center, context):
        return F.cross_entropy(self._score(center, self.context_emb.weight), context, reduction="mean")

    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        pos = F.logsigmoid((c * self.context_emb(context)).sum(-1))
        neg = F.logsigmoid(-(self.context_emb(negatives) * c[:, None, :]).sum(-1)).sum(-1)
        return -(pos + neg).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight
