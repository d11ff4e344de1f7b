"""E drawn as (torch.rand - 0.5) / dim and assigned to .data, W from torch.zeros, embeddings a property() call."""

EXERCISE = "embeddings.SkipGram"

import torch
import torch.nn as nn
import torch.nn.functional as F


class SkipGram(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.center_emb = nn.Embedding(vocab_size, dim)
        self.context_emb = nn.Embedding(vocab_size, dim)
        self.center_emb.weight.data = (torch.rand(vocab_size, dim) - 0.5) / dim
        self.context_emb.weight.data = torch.zeros(vocab_size, dim)

    def full_softmax_loss(self, center, context):
        logits = self.center_emb.weight[center] @ self.context_emb.weight.T
        return -logits.log_softmax(-1)[torch.arange(len(center)), context].mean()

    def negative_sampling_loss(self, center, context, negatives):
        c = self.center_emb.weight[center]  # (B, dim)
        scores = (self.context_emb.weight[torch.cat([context[:, None], negatives], dim=1)] * c[:, None]).sum(-1)  # (B, 1 + k)
        signs = torch.ones_like(scores)
        signs[:, 1:] = -1
        return -F.logsigmoid(signs * scores).sum(-1).mean()

    embeddings = property(lambda self: self.center_emb.weight)
