"""Scores the true pairs with a matrix product of the whole batch, E[c] @ W[o].T, which is (B, B):
every centre against every context of the batch, not each centre against its own context, and
the mean then runs over all B² scores."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "positive scores as a (B, B) matrix product of the batch instead of the row-wise dot product E[c_i]·W[o_i]"
NAMED_BY = r"\(B, ?B\)|row[- ]wise|its own context|every centre against every|positive (score|term)s?"

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
        e = self.center_emb(center)
        pos = e @ self.context_emb(context).T
        neg = torch.einsum("bd,bkd->bk", e, self.context_emb(negatives))
        return -F.logsigmoid(pos).mean() - F.logsigmoid(-neg).sum(-1).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight
