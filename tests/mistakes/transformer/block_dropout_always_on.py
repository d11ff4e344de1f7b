"""Adds residual dropout with F.dropout(h, p), whose training flag defaults to True."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "dropout applied in eval mode too: use nn.Dropout, which follows self.training"

import torch.nn.functional as F


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__(d_model, n_heads, d_ff, dropout)
        self.p = dropout

    def forward(self, x):
        x = x + F.dropout(self.attn(self.ln1(x)), self.p)
        x = x + F.dropout(self.ffn(self.ln2(x)), self.p)
        return x
