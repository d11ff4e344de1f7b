"""Draws only the Embeddings from normal(0, 0.02): every Linear in the blocks keeps PyTorch's default.

The loss at init still looks right (the tied head is an Embedding's matrix), so only the
weights themselves show it.
"""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "weights keep PyTorch's default initialisation: loop over self.modules() and draw every nn.Linear and nn.Embedding weight from normal(0, 0.02)"

import torch.nn as nn


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        nn.Module.__init__(self)
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(d_model, n_head, dropout=dropout) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.lm_head.weight = self.tok_emb.weight
        for module in self.modules():
            if isinstance(module, nn.Embedding):  # the Linears are forgotten
                nn.init.normal_(module.weight, mean=0.0, std=0.02)
