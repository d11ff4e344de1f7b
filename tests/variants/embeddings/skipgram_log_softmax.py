"""log_softmax + nll_loss for the full softmax, bmm for the negatives, the mean split over the two terms."""

EXERCISE = "embeddings.SkipGram"

import torch.nn as nn
import torch.nn.functional as F


class SkipGram(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.center_emb = nn.Embedding(vocab_size, dim)
        nn.init.uniform_(self.center_emb.weight, a=-0.5 / dim, b=0.5 / dim)
        self.context_emb = nn.Embedding(vocab_size, dim)
        nn.init.constant_(self.context_emb.weight, 0.0)

    def full_softmax_loss(self, center, context):
        logits = F.linear(self.center_emb(center), self.context_emb.weight)  # (B, V)
        return F.nll_loss(F.log_softmax(logits, dim=-1), context)

    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb(center).unsqueeze(2)  # (B, dim, 1)
        positive = self.context_emb(context).unsqueeze(1).bmm(c).view(-1)  # (B,)
        negative = self.context_emb(negatives).bmm(c).squeeze(2)  # (B, k)
        return -F.logsigmoid(positive).mean() - F.logsigmoid(-negative).sum(dim=1).mean()

    @property
    def embeddings(self):
        return self.center_emb.weight
