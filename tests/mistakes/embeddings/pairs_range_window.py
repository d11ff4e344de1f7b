"""for distance in range(window): starts at 0 (self pairs) and stops before the window."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "distances 0 to window − 1 (range(window))"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(window):
        if distance >= len(ids):
            break
        left, right = ids[: len(ids) - distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
