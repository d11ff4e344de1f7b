"""Gives the LM head its own matrix instead of sharing the token embedding's."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "LM head not tied to the token embedding: self.lm_head.weight = self.tok_emb.weight"

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__(vocab_size, block_size, n_layer, n_head, d_model, dropout)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)  # never tied to self.tok_emb.weight
        nn.init.normal_(self.lm_head.weight, mean=0.0, std=0.02)
