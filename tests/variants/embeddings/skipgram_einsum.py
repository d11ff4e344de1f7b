"""Full softmax from logsumexp by hand, negatives scored with einsum, init under no_grad."""

EXERCISE = "embeddings.SkipGram"

import torch
import torch.nn as nn
import torch.nn.functional as F


class SkipGram(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.vocab_size, self.dim = vocab_size, dim
        self.center_emb = nn.Embedding(vocab_size, dim)
        self.context_emb = nn.Embedding(vocab_size, dim)
        bound = 0.5 / dim
        with torch.no_grad():
            self.center_emb.weight.uniform_(-bound, bound)
            self.context_emb.weight.zero_()

    def full_softmax_loss(self, center, context):
        scores = torch.einsum("bd,vd->bv", self.center_emb(center), self.context_emb.weight)  # (B, V)
        true_scores = scores.gather(1, context.view(-1, 1)).squeeze(1)
        return (torch.logsumexp(scores, dim=1) - true_scores).mean()

    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center)  # (B, dim)
        o = self.context_emb(context)  # (B, dim)
        n = self.context_emb(negatives)  # (B, k, dim)
        pos = torch.einsum("bd,bd->b", c, o)
        neg = torch.einsum("bd,bkd->bk", c, n)
        per_example = -F.logsigmoid(pos) - F.logsigmoid(-neg).sum(dim=1)
        return per_example.mean()

    @property
    def embeddings(self):
        return self.center_emb.weight
