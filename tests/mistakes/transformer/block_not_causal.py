"""Builds its attention with causal=False, so every position sees the future."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "attention in the block is not causal: build MultiHeadAttention(..., causal=True)"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__(d_model, n_heads, d_ff, dropout)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout=dropout, causal=False)
