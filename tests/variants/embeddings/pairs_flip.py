"""Right-hand pairs for every distance first, then all of them flipped for the left-hand side."""

EXERCISE = "embeddings.skipgram_pairs"

import torch


def skipgram_pairs(ids, window):
    if not isinstance(ids, torch.Tensor):
        ids = torch.tensor(list(ids), dtype=torch.long)
    ids = ids.long()
    right = [torch.stack((ids[:-dist], ids[dist:]), dim=-1) for dist in range(1, window + 1) if dist < len(ids)]
    if not right:
        return torch.zeros((0, 2), dtype=torch.long)
    right = torch.cat(right, dim=0)
    return torch.cat([right, right.flip(-1)], dim=0)
