"""Scores pairs by cosine (normalising E[c] and W before the dot product), carrying over "compare
embeddings by cosine" from most_similar: the logits are stuck in [-1, 1] and differ from the dot
product E[c]·W[o] the docstring defines."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "scores are cosines of the vectors instead of raw dot products E[c]·W[o]"
NAMED_BY = r"cosine|normalis"

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
        logits = F.normalize(self.center_emb(center), dim=-1) @ F.normalize(self.context_emb.weight, dim=-1).T
        return F.cross_entropy(logits, context)

    def negative_sampling_loss(self, center, context, negatives):
        e = F.normalize(self.center_emb(center), dim=-1)
        pos = (e * F.normalize(self.context_emb(context), dim=-1)).sum(-1)
        neg = torch.einsum("bd,bkd->bk", e, F.normalize(self.context_emb(negatives), dim=-1))
        return (-F.logsigmoid(pos) - F.logsigmoid(-neg).sum(-1)).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight
