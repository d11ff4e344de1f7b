"""Wraps PyTorch's built-in encoder layer instead of writing the block."""

EXERCISE = "transformer.Block"
STATUS = "banned"
DIAGNOSIS = "nn.TransformerEncoderLayer (torch.nn.TransformerEncoderLayer) is not allowed in this exercise"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(d_model, n_heads, d_ff or 4 * d_model, dropout,
                                                activation="gelu", batch_first=True, norm_first=True)

    def forward(self, x):
        mask = nn.Transformer.generate_square_subsequent_mask(x.size(1))
        return self.layer(x, src_mask=mask, is_causal=True)
