"""Starts the distances at 0, so every token is also paired with itself."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "includes (w, w) pairs at distance 0"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.stack([ids, ids], dim=1)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
