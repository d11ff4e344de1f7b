"""A correct experiment on top of a MultiHeadAttention that forgets its output projection."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
DIAGNOSIS = "the experiment is right, but with your MultiHeadAttention, which differs from the reference's"

import math

import torch


class MultiHeadAttention(MultiHeadAttention):  # noqa: F811 - the learner's broken layer
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        mask = causal_mask(T, device=x.device) if self.causal else None
        out, weights = scaled_dot_product_attention(q, k, v, mask)
        self.last_attention = weights.detach()
        return out.transpose(1, 2).reshape(B, T, C)
