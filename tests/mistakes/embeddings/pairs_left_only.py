"""Keeps only the context to the left of each center."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "only contexts to the left"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        pairs.append(torch.stack([ids[distance:], ids[:-distance]], dim=1))
    return torch.cat(pairs)
