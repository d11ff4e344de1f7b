"""The loss from (B, V, T) logits, cross_entropy's class-dim form, without flattening; positions
from the weight slice broadcast over the batch; a ValueError with its own wording."""

EXERCISE = "transformer.GPT"

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
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, std=0.02)
                if getattr(module, "bias", None) is not None:
                    nn.init.zeros_(module.bias)

    def forward(self, idx, targets=None):
        length = idx.shape[-1]
        if length > self.block_size:
            raise ValueError(f"got {length} tokens; this model reads at most {self.block_size}")
        x = self.dropout(self.tok_emb(idx) + self.pos_emb.weight[:length])
        for block in self.blocks:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))
        loss = None if targets is None else F.cross_entropy(logits.transpose(1, 2), targets)
        return logits, loss

    def num_params(self):
        return sum(parameter.numel() for parameter in self.parameters())
