"""nn.Embedding(dim, vocab_size): the two sizes in the wrong order."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "nn.Embedding(dim, vocab_size)"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        nn.Module.__init__(self)
        self.center_emb = nn.Embedding(dim, vocab_size)
        self.context_emb = nn.Embedding(dim, vocab_size)
        nn.init.uniform_(self.center_emb.weight, -0.5 / dim, 0.5 / dim)
        nn.init.zeros_(self.context_emb.weight)
