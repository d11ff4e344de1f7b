"""Runs the distances from 0 with ids[:len(ids) - d]: every (w, w) pair comes twice, once per side."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "each twice (as a right and as a left pair)"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(0, min(window, len(ids) - 1) + 1):
        left, right = ids[: len(ids) - distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
