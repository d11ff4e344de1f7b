"""Creates one LayerNorm and assigns it to both ln1 and ln2, since they have the same shape."""

EXERCISE = "transformer.Block"
MISCONCEPTION = "ln1 and ln2 are the same module: the two sublayers share one set of LayerNorm parameters"
NAMED_BY = r"shar\w*|same (module|layernorm|object)|ln1 (and|is) ln2|separate|one layernorm|parameter count|number of parameters|\d+ parameters"

import torch.nn as nn

from core.attention import MultiHeadAttention


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__()
        d_ff = 4 * d_model if d_ff is None else d_ff
        norm = nn.LayerNorm(d_model)
        self.ln1 = norm
        self.attn = MultiHeadAttention(d_model, n_heads, dropout=dropout, causal=True)
        self.ln2 = norm
        self.ffn = FeedForward(d_model, d_ff, dropout=dropout)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.ffn(self.ln2(x))
