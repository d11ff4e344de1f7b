"""range(1, window + 2): pairs one step beyond the window."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "pairs at distance window + 1 are included"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in range(1, min(window + 1, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
