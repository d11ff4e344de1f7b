"""nn.init.uniform_ without bounds: U(0, 1)."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "nn.init.uniform_'s default bounds"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        super().__init__(vocab_size, dim)
        nn.init.uniform_(self.center_emb.weight)
