"""Gives dropout a default of 0.1 "as nanoGPT does", where the contract says dropout=0.0."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "dropout on by default: the default is dropout=0.0"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def __init__(self, d_model, n_heads, dropout=0.1, causal=True):
        super().__init__(d_model, n_heads, dropout, causal)
