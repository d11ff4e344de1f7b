"""The reference Block on a MultiHeadAttention that still has a 12.1 bug (no output projection).

The class is redefined here, in core/transformer.py, to stand in for a broken core/attention.py.
"""

EXERCISE = "transformer.Block"
DIAGNOSIS = "your MultiHeadAttention (attention.MultiHeadAttention) does not pass yet; Block builds on it"

from core.attention import causal_mask, scaled_dot_product_attention


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - imported from core.attention at the top of the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v
        return y.transpose(1, 2).contiguous().view(B, T, C)  # self.proj never applied
