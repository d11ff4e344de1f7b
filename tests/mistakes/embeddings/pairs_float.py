"""Builds the pairs in a float tensor."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "pairs built as floats"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.float)
    pairs = [torch.empty(0, 2)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
