"""Sums the negatives' log σ over dim 0, the batch, instead of over the k negatives."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "the sum over negatives runs along the batch axis (dim 0) instead of the k axis, mixing rows of the batch"
NAMED_BY = r"sum\w* over (the )?(batch|dim 0|rows)|\.sum\(0\)|wrong axis|over the k negatives|dim ?=? ?0"

import torch
import torch.nn as nn
import torch.nn.functional as F


class SkipGram(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.center_emb = nn.Embedding(vocab_size, dim)
        self.context_emb = nn.Embedding(vocab_size, dim)
        nn.init.uniform_(self.center_emb.weight, -0.5 / dim, 0.5 / dim)
        nn.init.zeros_(self.context_emb.weight)

    def full_softmax_loss(self, center, context):
        logits = self.center_emb(center) @ self.context_emb.weight.T
        return F.cross_entropy(logits, context)

    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(0)).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight

