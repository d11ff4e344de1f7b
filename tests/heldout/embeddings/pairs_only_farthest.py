"""Pairs each center with the words exactly `window` away, not every distance up to it."""

EXERCISE = "embeddings.skipgram_pairs"
MISCONCEPTION = "only distance == window is paired; distances 1..window-1 are missing"
NAMED_BY = r"every distance|distances? 1\b|only (the )?(distance|pairs at)|closer|nearer|missing distances|1 to window|number of pairs|too few"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    if window >= len(ids):
        return torch.empty(0, 2, dtype=torch.long)
    left, right = ids[:-window], ids[window:]
    return torch.cat([torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)])
