"""Appends the right-hand stack twice instead of swapping the slices for the left-hand side."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "the left-hand pairs repeat the right-hand ones"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        center, context = ids[:-distance], ids[distance:]
        pairs.append(torch.stack([center, context], dim=1))
        pairs.append(torch.stack([center, context], dim=1))
    return torch.cat(pairs)
