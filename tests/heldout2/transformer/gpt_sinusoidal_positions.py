"""Uses the fixed sinusoidal table from Step 2 for the positions instead of the learned pos_emb
the docstring lists, since "both are positional encodings": there is no pos_emb parameter to
load, and the positions are not learned."""

EXERCISE = "transformer.GPT"
MISCONCEPTION = "fixed sinusoidal positions instead of the learned nn.Embedding pos_emb"
NAMED_BY = r"pos_emb|learned positions?|sinusoid|missing key"

import torch
import torch.nn as nn
import torch.nn.functional as F


class GPT(nn.Module):
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(d_model, n_head, dropout=dropout) for _ in range(n_layer)])  # noqa: F821
        self.ln_f = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.lm_head.weight = self.tok_emb.weight
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, 0.0, 0.02)
            if isinstance(module, nn.Linear) and module.bias is not None:
                nn.init.zeros_(module.bias)

    def forward(self, idx, targets=None):
        B, T = idx.shape
        if T > self.block_size:
            raise ValueError(f"sequence of length {T} is longer than block_size {self.block_size}")
        x = self.dropout(self.tok_emb(idx) + sinusoidal_positions(T, self.tok_emb.embedding_dim).to(idx.device))  # noqa: F821
        for block in self.blocks:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))
        if targets is None:
            return logits, None
        loss = F.cross_entropy(logits.view(B * T, -1), targets.reshape(B * T))
        return logits, loss

    def num_params(self):
        return sum(p.numel() for p in self.parameters())
