"""Divides the bound by vocab_size instead of dim."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "center table E uniform in ±0.5/vocab_size"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        super().__init__(vocab_size, dim)
        nn.init.uniform_(self.center_emb.weight, -0.5 / vocab_size, 0.5 / vocab_size)
