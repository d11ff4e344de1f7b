"""Builds the feed-forward with the default width, dropping the d_ff Block was given."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "d_ff not passed on: build FeedForward(d_model, d_ff, dropout)"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__(d_model, n_heads, None, dropout)
