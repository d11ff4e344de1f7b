"""Stores the weights after dropout, so in training the kept map has holes and rows that do not sum to 1."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "self.last_attention stored after dropout"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        weights = self.dropout(weights)
        self.last_attention = weights.detach()
        y = weights @ v
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))
