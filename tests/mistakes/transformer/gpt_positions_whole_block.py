"""Embeds all block_size positions whatever T is, which only fits when T == block_size."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "right only for T = block_size"

import torch


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        B, T = idx.shape
        if T > self.block_size:
            raise ValueError(f"sequence of length {T} is longer than block_size {self.block_size}")
        pos = torch.arange(self.block_size, device=idx.device)
        x = self.dropout(self.tok_emb(idx) + self.pos_emb(pos))
        for block in self.blocks:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))
        if targets is None:
            return logits, None
        return logits, F.cross_entropy(logits.view(B * T, -1), targets.reshape(B * T))  # noqa: F821 - F from the solved file
