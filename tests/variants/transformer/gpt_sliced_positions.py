"""Positions read by slicing pos_emb.weight, the tie written the other way round (the
embedding takes the head's Parameter), blocks appended in a loop, init over named_modules,
the loss from log_softmax by hand."""

EXERCISE = "transformer.GPT"

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
        self.blocks = nn.ModuleList()
        for _ in range(n_layer):
            self.blocks.append(Block(d_model, n_head, dropout=dropout))
        self.ln_f = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.tok_emb.weight = self.lm_head.weight  # one Parameter shared by both
        with torch.no_grad():
            for _, module in self.named_modules():
                if isinstance(module, (nn.Linear, nn.Embedding)):
                    module.weight.normal_(0.0, 0.02)
                    if getattr(module, "bias", None) is not None:
                        module.bias.zero_()

    def forward(self, idx, targets=None):
        batch, length = idx.shape
        if length > self.block_size:
            raise ValueError(f"got {length} tokens but the context holds at most {self.block_size}")
        x = self.tok_emb(idx) + self.pos_emb.weight[:length]
        x = self.dropout(x)
        for block in self.blocks:
            x = block(x)
        x = self.ln_f(x)
        logits = self.lm_head(x)
        if targets is None:
            return logits, None
        log_probs = F.log_softmax(logits.reshape(batch * length, -1), dim=-1)
        picked = log_probs.gather(1, targets.reshape(-1, 1))
        return logits, -picked.mean()

    def num_params(self):
        return sum(p.numel() for p in self.parameters())
