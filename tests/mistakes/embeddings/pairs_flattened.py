"""torch.cat instead of torch.stack joins the two slices end to end: a 1-D tensor."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "pairs flattened to one dimension"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, dtype=torch.long)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.cat([left, right]), torch.cat([right, left])]
    return torch.cat(pairs)
