"""Keeps the whole (out, weights) pair that scaled_dot_product_attention returns."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "self.last_attention holds scaled_dot_product_attention's whole (out, weights) pair"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None  # noqa: F821
        result = scaled_dot_product_attention(q, k, v, mask)  # noqa: F821
        weights = result[1]
        self.last_attention = tuple(part.detach() for part in result)
        y = self.dropout(weights) @ v
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))
