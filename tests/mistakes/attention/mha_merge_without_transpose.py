"""Splits the heads right, but merges them back with a plain reshape of (B, n_heads, T, head_dim),
which puts one head's positions side by side in a token's row (and so leaks the future)."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "heads merged with a plain reshape of (B, n_heads, T, head_dim) to (B, T, d_model)"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v  # (B, n_heads, T, head_dim)
        return self.proj(y.reshape(B, T, C))  # no transpose(1, 2) first
