"""A GPT written before its Block: Block still raises NotImplementedError, and GPT is blamed on it, not reported as unwritten."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "your Block (transformer.Block) does not pass yet; GPT builds on it"

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError
