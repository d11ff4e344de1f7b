"""Initialises E uniform in [-0.5, 0.5], leaving out the division by dim."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "center table initialised in [-0.5, 0.5] instead of [-0.5/dim, 0.5/dim]: vectors dim times too large"
NAMED_BY = r"init\w*|uniform|0\.5 ?/ ?dim|/ ?dim|too (large|long|big)|\[-0\.5, 0\.5\]"

import torch
import torch.nn as nn
import torch.nn.functional as F


class SkipGram(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.center_emb = nn.Embedding(vocab_size, dim)
        self.context_emb = nn.Embedding(vocab_size, dim)
        nn.init.uniform_(self.center_emb.weight, -0.5, 0.5)
        nn.init.zeros_(self.context_emb.weight)

    def full_softmax_loss(self, center, context):
        logits = self.center_emb(center) @ self.context_emb.weight.T
        return F.cross_entropy(logits, context)

    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight

