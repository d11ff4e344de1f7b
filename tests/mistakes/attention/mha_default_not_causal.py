"""Makes causal=False the default, like an encoder's attention; the contract's default is causal=True."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "not causal by default: the default is causal=True"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def __init__(self, d_model, n_heads, dropout=0.0, causal=False):
        super().__init__(d_model, n_heads, dropout, causal)
