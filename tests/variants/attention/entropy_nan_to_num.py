"""w · ln w with the 0 · (-inf) = NaN entries of masked keys turned back into 0 by nan_to_num."""

EXERCISE = "attention.attention_entropy"

import torch


def attention_entropy(weights):
    per_key = torch.nan_to_num(weights * torch.log(weights), nan=0.0)
    return -per_key.sum(dim=-1).mean(dim=-1)
