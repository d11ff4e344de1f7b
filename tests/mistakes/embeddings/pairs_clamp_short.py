"""range(1, min(window, len(ids) - 1)): the exclusive end of range drops the last distance of both bounds."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "window off by one, and the clamp too"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, min(window, len(ids) - 1)):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
