"""Returns E + W from embeddings, the GloVe habit of adding the two tables."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "embeddings is the sum of the center and context tables instead of the center table E itself (and it is a new tensor, not the weight)"
NAMED_BY = r"sum of (the )?(two )?tables|context (table|emb\w*)|\bE ?\+ ?W\b|adds? (the )?context|W added|center table (itself|only)"

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
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight + self.context_emb.weight
