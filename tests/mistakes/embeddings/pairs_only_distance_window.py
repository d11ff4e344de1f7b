"""Reads "distance window" as one distance: only the tokens exactly `window` away."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "only distance window itself"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    if window >= len(ids):
        return torch.empty(0, 2, dtype=torch.long)
    left, right = ids[:-window], ids[window:]
    return torch.cat([torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)])
