"""Applies dropout to x on the way in: training is random, but no attention weight is ever dropped."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "dropout applied before the softmax (to x, q, k or the scores)"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(self.dropout(x)).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        y, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))
