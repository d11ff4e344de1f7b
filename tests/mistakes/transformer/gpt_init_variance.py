"""Reads 0.02 as the variance and draws with std = sqrt(0.02)."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "std √0.02 = 0.141: 0.02 is the standard deviation itself"

import math

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__(vocab_size, block_size, n_layer, n_head, d_model, dropout)
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, mean=0.0, std=math.sqrt(0.02))
