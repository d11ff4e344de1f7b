"""Adds both sides per distance, then also the flipped copy of everything: each pair twice."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "every pair twice"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    pairs = torch.cat(pairs)
    return torch.cat([pairs, pairs.flip(1)])
