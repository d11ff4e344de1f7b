"""With no pairs, returns torch.tensor([]): shape (0,) and float32."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "the empty result has the wrong shape or dtype"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = []
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs) if pairs else torch.tensor([])
