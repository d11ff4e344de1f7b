"""Every position pair i < j from torch.triu_indices, kept where j - i <= window, then both orders:
one token and no tokens fall out as (0, 2) with no special case."""

EXERCISE = "embeddings.skipgram_pairs"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    i, j = torch.triu_indices(len(ids), len(ids), offset=1)
    near = (j - i) <= window
    i, j = i[near], j[near]
    return torch.cat([torch.stack([ids[i], ids[j]], dim=1), torch.stack([ids[j], ids[i]], dim=1)])
