"""Scores the negatives with (W[negatives] * c).sum(-1), without giving c a k axis."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "c (B, dim) broadcast against W[negatives] (B, k, dim) lines batch rows up with negatives: an error when B != k, wrong pairs when B == k"
NAMED_BY = r"broadcast|unsqueeze|k axis|lines? up|align|batch rows? (with|against)"

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
        negative = (self.context_emb(negatives) * c).sum(-1)
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight

