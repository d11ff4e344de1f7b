"""Splits heads with a plain reshape to (B, n_heads, T, head_dim), which mixes tokens into heads."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "heads split with a plain reshape to (B, n_heads, T, head_dim): view as (B, T, n_heads, head_dim), then transpose(1, 2)"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        head_dim = C // self.n_heads
        q, k, v = self.qkv(x).split(C, dim=-1)
        q = q.reshape(B, self.n_heads, T, head_dim)
        k = k.reshape(B, self.n_heads, T, head_dim)
        v = v.reshape(B, self.n_heads, T, head_dim)
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v  # (B, n_heads, T, head_dim)
        return self.proj(y.reshape(B, T, C))
