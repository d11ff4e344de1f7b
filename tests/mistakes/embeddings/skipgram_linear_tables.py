"""nn.Linear(vocab_size, dim) tables, as if the words were one-hot inputs."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "nn.Linear instead of nn.Embedding"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        nn.Module.__init__(self)
        self.center_emb = nn.Linear(vocab_size, dim, bias=False)
        self.context_emb = nn.Linear(vocab_size, dim, bias=False)
        nn.init.uniform_(self.center_emb.weight, -0.5 / dim, 0.5 / dim)
        nn.init.zeros_(self.context_emb.weight)
