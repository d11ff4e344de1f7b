"""Feeds the embeddings to every block and keeps only the last block's output."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "blocks not chained: each block must take the previous block's output, x = block(x)"

import torch
import torch.nn.functional as F


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        B, T = idx.shape
        if T > self.block_size:
            raise ValueError(f"sequence of length {T} is longer than block_size {self.block_size}")
        pos = torch.arange(T, device=idx.device)
        x = self.dropout(self.tok_emb(idx) + self.pos_emb(pos))
        for block in self.blocks:
            h = block(x)  # every block reads the embeddings
        logits = self.lm_head(self.ln_f(h))
        if targets is None:
            return logits, None
        return logits, F.cross_entropy(logits.view(B * T, -1), targets.view(B * T))
