"""Builds the blocks without the dropout rate, so only the embeddings get dropout."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "dropout not passed on to the blocks: Block(d_model, n_head, dropout=dropout)"

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__(vocab_size, block_size, n_layer, n_head, d_model)  # the blocks are built without dropout
        self.dropout = nn.Dropout(dropout)  # only the embeddings get it
