"""Slices ids directly: a Python list slices into lists, and torch.stack refuses them."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "a list of ids raises"

import torch


def skipgram_pairs(ids, window):
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs).long()
