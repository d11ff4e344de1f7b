"""W gets the same uniform start as E."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "it got E's uniform ±0.5/dim too"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        super().__init__(vocab_size, dim)
        nn.init.uniform_(self.context_emb.weight, -0.5 / dim, 0.5 / dim)
