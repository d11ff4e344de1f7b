"""Reads window as the total width of the context, window // 2 on each side."""

EXERCISE = "embeddings.skipgram_pairs"
MISCONCEPTION = "window treated as the full span (window // 2 per side) instead of the distance on each side"
NAMED_BY = r"window ?// ?2|half (the )?window|each side|both sides|too few pairs|number of pairs|width"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for d in range(1, min(window // 2, len(ids) - 1) + 1):
        pairs.append(torch.stack([ids[:-d], ids[d:]], dim=1))
        pairs.append(torch.stack([ids[d:], ids[:-d]], dim=1))
    return torch.cat(pairs)
