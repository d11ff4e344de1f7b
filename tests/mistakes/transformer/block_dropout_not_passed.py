"""Accepts dropout but builds its sublayers without it."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "dropout not passed on: Block(..., dropout) hands it to MultiHeadAttention and FeedForward"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__(d_model, n_heads, d_ff)  # dropout accepted, never handed on
