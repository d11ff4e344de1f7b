"""Both tables start at zero: every gradient is zero."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "center table E all zeros"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        super().__init__(vocab_size, dim)
        nn.init.zeros_(self.center_emb.weight)
