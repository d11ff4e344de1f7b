"""Sizes the position table by the vocabulary, nn.Embedding(vocab_size, d_model), copying the token line."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "the position table sized by vocab_size"

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__(vocab_size, block_size, n_layer, n_head, d_model, dropout)
        self.pos_emb = nn.Embedding(vocab_size, d_model)
        nn.init.normal_(self.pos_emb.weight, mean=0.0, std=0.02)
