"""The reference GPT on a MultiHeadAttention that merges the heads without transposing back
(y.reshape(B, T, C) on (B, n_heads, T, head_dim)), which mixes positions across heads.

The output leaks across positions, but the mask is there: the verdict names the
dependency and what 12.1's checks say of it, never "causal mask not applied". The class is redefined here, in
core/transformer.py, to stand in for a broken core/attention.py.
"""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "your MultiHeadAttention (attention.MultiHeadAttention) does not pass yet; GPT builds on it (MultiHeadAttention fails its check"

from core.attention import causal_mask, scaled_dot_product_attention


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - imported from core.attention at the top of the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v  # (B, n_heads, T, head_dim)
        return self.proj(y.reshape(B, T, C))  # no transpose(1, 2) first
