"""Does not clamp the distance: ids[:len(ids) - d] wraps to a non-empty slice once d > len(ids)."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "a window wider than the sequence raises"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, window + 1):
        left, right = ids[: len(ids) - distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
