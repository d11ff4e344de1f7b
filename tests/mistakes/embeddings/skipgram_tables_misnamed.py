"""Names the tables self.E and self.W."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "the tables are not named center_emb and context_emb"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        nn.Module.__init__(self)
        self.E = nn.Embedding(vocab_size, dim)
        self.W = nn.Embedding(vocab_size, dim)
        nn.init.uniform_(self.E.weight, -0.5 / dim, 0.5 / dim)
        nn.init.zeros_(self.W.weight)
