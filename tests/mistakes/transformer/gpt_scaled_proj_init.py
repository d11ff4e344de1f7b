"""GPT-2's scaled init: the projections back into the residual stream get std 0.02 / √(2·n_layer)."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "residual projections drawn with std 0.02 / √(2·n_layer), GPT-2's scaled init"

import math

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__(vocab_size, block_size, n_layer, n_head, d_model, dropout)
        for name, parameter in self.named_parameters():
            if name.endswith("proj.weight"):
                nn.init.normal_(parameter, mean=0.0, std=0.02 / math.sqrt(2 * n_layer))
