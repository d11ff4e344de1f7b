"""Sums the negative scores before the log-sigmoid, -log σ(-Σ_n s_n), misreading where the Σ of
the formula sits: one yes/no question for all the negatives together instead of one per negative."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "sums the negative scores inside the log-sigmoid instead of summing the k log-sigmoids"
NAMED_BY = r"Σ|sum\w* (inside|before)|inside the (log-?)?sigmoid|per negative|one per negative"

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
        return (-F.logsigmoid(pos) - F.logsigmoid(-neg.sum(-1))).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight
