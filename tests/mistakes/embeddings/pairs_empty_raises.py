"""No empty seed: torch.cat([]) raises when the sequence has no pairs."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "a sequence with no pairs (one token, or none) raises"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = []
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
