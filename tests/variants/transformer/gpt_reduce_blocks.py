"""The blocks applied with functools.reduce over the ModuleList; num_params walks every
name (remove_duplicate=False) and takes the tied matrix's second appearance off."""

EXERCISE = "transformer.GPT"

import functools

import torch
import torch.nn as nn
import torch.nn.functional as F


class GPT(nn.Module):
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(d_model, n_head, dropout=dropout) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.lm_head.weight = self.tok_emb.weight
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)
            if isinstance(m, nn.Linear) and m.bias is not None:
                nn.init.constant_(m.bias, 0.0)

    def forward(self, idx, targets=None):
        B, T = idx.shape
        if T > self.block_size:
            raise ValueError(f"T = {T} exceeds block_size = {self.block_size}")
        pos = self.pos_emb(torch.arange(T, device=idx.device))
        x = functools.reduce(lambda h, block: block(h), self.blocks, self.dropout(self.tok_emb(idx) + pos))
        logits = self.lm_head(self.ln_f(x))
        loss = None if targets is None else F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
        return logits, loss

    def num_params(self):
        total = sum(p.numel() for _, p in self.named_parameters(remove_duplicate=False))
        return total - self.lm_head.weight.numel()  # the tied matrix appears twice in that walk
