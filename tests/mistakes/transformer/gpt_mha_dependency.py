"""The reference GPT on a MultiHeadAttention that still has a 12.1 bug (scores scaled by √d_model).

The class is redefined here, in core/transformer.py, to stand in for a broken core/attention.py;
the reference Block picks it up by name.
"""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "your MultiHeadAttention (attention.MultiHeadAttention) does not pass yet; GPT builds on it"

import math

import torch

from core.attention import causal_mask


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - imported from core.attention at the top of the learner's module
    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(C)
        if self.causal:
            scores = scores.masked_fill(~causal_mask(T, device=x.device), float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        self.last_attention = weights.detach()
        y = self.dropout(weights) @ v
        return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))
