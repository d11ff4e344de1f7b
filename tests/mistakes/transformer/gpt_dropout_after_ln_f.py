"""Applies self.dropout to the final LayerNorm's output instead of the summed embeddings: training
is random, so only a probe that makes ln_f's output 0 shows where it sits."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "dropout after the final LayerNorm (or on the logits), not on the summed embeddings"

import torch
import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        B, T = idx.shape
        if T > self.block_size:
            raise ValueError(f"sequence of length {T} is longer than block_size {self.block_size}")
        x = self.tok_emb(idx) + self.pos_emb(torch.arange(T, device=idx.device))
        for block in self.blocks:
            x = block(x)
        logits = self.lm_head(self.dropout(self.ln_f(x)))
        if targets is None:
            return logits, None
        return logits, F.cross_entropy(logits.view(B * T, -1), targets.view(B * T))
