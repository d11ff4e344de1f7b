"""Adds nanoGPT's residual dropout on attention's branch, which the docstring leaves out: the block
then drops twice on that path, in attention's weights and on its output."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "dropout on the residual branches"

import torch.nn as nn


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__(d_model, n_heads, d_ff, dropout)
        self.resid_dropout = nn.Dropout(dropout)

    def forward(self, x):
        x = x + self.resid_dropout(self.attn(self.ln1(x)))
        return x + self.ffn(self.ln2(x))
