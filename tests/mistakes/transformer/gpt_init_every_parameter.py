"""Draws every parameter from normal(0, 0.02), the LayerNorms' weights and all biases included."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "every parameter drawn from normal(0, 0.02), LayerNorms and biases too"

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__(vocab_size, block_size, n_layer, n_head, d_model, dropout)
        for parameter in self.parameters():
            nn.init.normal_(parameter, mean=0.0, std=0.02)
