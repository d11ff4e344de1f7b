"""Unpacks the projection as k, q, v."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "q and k swapped"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        k, q, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None  # noqa: F821
        _, weights = scaled_dot_product_attention(q, k, v, mask)  # noqa: F821
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))
