"""Zeros for E and the uniform start for W."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "initialisations swapped"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        super().__init__(vocab_size, dim)
        nn.init.zeros_(self.center_emb.weight)
        nn.init.uniform_(self.context_emb.weight, -0.5 / dim, 0.5 / dim)
