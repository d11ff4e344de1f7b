"""A Block whose attention is a private class that merges the heads without transposing back.

The learner's MultiHeadAttention passes, so the dependency check does not catch it; the
block's output leaks across positions, yet the mask is applied. The verdict says where the
output differs, and must not claim the attention is not causal.
"""

EXERCISE = "transformer.Block"
DIAGNOSIS = "checks fail: output [B=2, T=5, d_model=16, n_heads=2, d_ff=None] differs from the reference at"

from core.attention import causal_mask, scaled_dot_product_attention


class _HeadsMergedInPlace(MultiHeadAttention):  # noqa: F821 - imported from core.attention at the top of the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        _, weights = scaled_dot_product_attention(q, k, v, causal_mask(T, device=x.device))
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v  # (B, n_heads, T, head_dim)
        return self.proj(y.reshape(B, T, C))  # no transpose(1, 2) first


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        super().__init__(d_model, n_heads, d_ff, dropout)
        self.attn = _HeadsMergedInPlace(d_model, n_heads, dropout=dropout, causal=True)
