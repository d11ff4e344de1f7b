"""Takes d_ff=None to mean d_model, so the MLP is four times too narrow."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "d_ff=None should mean the usual width, d_ff = 4 * d_model"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__(d_model, n_heads, d_ff or d_model, dropout)  # None taken to mean d_model
