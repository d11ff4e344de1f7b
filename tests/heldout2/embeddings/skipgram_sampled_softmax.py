"""Implements negative sampling as a softmax over the true context and its k negatives (sampled
softmax, -log of the true pair's share among k + 1 candidates) instead of k + 1 independent
yes/no questions with log-sigmoids."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "negative-sampling loss as a softmax over the k + 1 candidates instead of log-sigmoids"
NAMED_BY = r"softmax over (the )?(k ?\+ ?1|candidates)|sampled softmax|yes/no|independent"

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
        pos = (e * self.context_emb(context)).sum(-1)
        neg = torch.einsum("bd,bkd->bk", e, self.context_emb(negatives))
        scores = torch.cat([pos.unsqueeze(-1), neg], dim=-1)
        return F.cross_entropy(scores, torch.zeros(len(scores), dtype=torch.long))

    @property
    def embeddings(self):
        return self.center_emb.weight
