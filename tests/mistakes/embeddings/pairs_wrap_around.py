"""Lines the sequence up with a rolled copy: the last tokens get the first ones as context."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "pairs wrap around the ends of the sequence"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = []
    for distance in range(1, window + 1):
        rolled = ids.roll(-distance)
        pairs += [torch.stack([ids, rolled], dim=1), torch.stack([rolled, ids], dim=1)]
    return torch.cat(pairs)
