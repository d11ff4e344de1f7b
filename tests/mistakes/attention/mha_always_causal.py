"""Always applies the causal mask, ignoring causal=False."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "causal=False ignored: the causal mask is applied anyway"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
        super().__init__(d_model, n_heads, dropout, causal=True)  # the causal argument is never used
