"""Stores self.causal but never builds the mask, so every token sees the future."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "causal mask not applied"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        _, weights = scaled_dot_product_attention(q, k, v)  # no mask, whatever self.causal says
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))
