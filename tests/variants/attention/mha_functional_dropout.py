"""F.dropout with self.training instead of calling self.dropout, heads merged with flatten(2),
and the kept weights taken as .data (detached too)."""

EXERCISE = "attention.MultiHeadAttention"

import torch.nn.functional as F


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.unflatten(-1, (self.n_heads, -1)).transpose(1, 2) for t in (q, k, v))
        _, weights = scaled_dot_product_attention(q, k, v, causal_mask(T, device=x.device) if self.causal else None)
        self.last_attention = weights.data
        y = F.dropout(weights, p=self.dropout.p, training=self.training) @ v
        return self.proj(y.transpose(1, 2).flatten(2))
