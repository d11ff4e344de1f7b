"""Full softmax loss as minus the true pair's score, forgetting the normalisation over the vocabulary."""

EXERCISE = "embeddings.SkipGram"
MISCONCEPTION = "the loss is -E[c]·W[o] without the log-sum-exp over all V words: not -log p(o|c), and it can decrease without bound"
NAMED_BY = r"normali[sz]|log.?sum.?exp|partition|softmax over|all V\b|unbounded|cross.?entropy"

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
        scores = (self.center_emb(center) * self.context_emb(context)).sum(-1)
        return -scores.mean()

    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)
        positive = (c * self.context_emb(context)).sum(-1)
        negative = (self.context_emb(negatives) @ c.unsqueeze(-1)).squeeze(-1)
        return -(F.logsigmoid(positive) + F.logsigmoid(-negative).sum(-1)).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight

