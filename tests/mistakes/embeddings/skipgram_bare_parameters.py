"""Two nn.Parameter tables instead of nn.Embedding modules."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "the tables are bare nn.Parameter tensors"

import torch
import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        nn.Module.__init__(self)
        self.center_emb = nn.Parameter(torch.empty(vocab_size, dim).uniform_(-0.5 / dim, 0.5 / dim))
        self.context_emb = nn.Parameter(torch.zeros(vocab_size, dim))
