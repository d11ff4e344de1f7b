"""Leaves E at nn.Embedding's N(0, 1) start: vectors 8 times longer than Word2Vec's."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "center table E not initialised uniform"

import torch.nn as nn


class SkipGram(SkipGram):  # noqa: F821
    def __init__(self, vocab_size, dim):
        super().__init__(vocab_size, dim)
        nn.init.normal_(self.center_emb.weight)
