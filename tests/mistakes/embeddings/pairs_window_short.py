"""range(1, window): the farthest distance, window itself, is never paired."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "window off by one: distances run from 1 to window inclusive"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, min(window - 1, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
