"""Calls nn.init.normal_(w, 0.02), whose second argument is the mean: std stays 1."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "0.02 passed as the mean"

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__(vocab_size, block_size, n_layer, n_head, d_model, dropout)
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, 0.02)
