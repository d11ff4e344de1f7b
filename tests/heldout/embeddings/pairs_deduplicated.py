"""Keeps each distinct (center, context) pair once with torch.unique, thinking duplicates are noise."""

EXERCISE = "embeddings.skipgram_pairs"
MISCONCEPTION = "duplicate pairs are removed: a pair that occurs several times in the text must appear that many times (the counts carry frequency)"
NAMED_BY = r"duplicat|unique|distinct|repeated pairs|frequenc|too few pairs|number of pairs|pairs? (are )?missing"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for d in range(1, min(window, len(ids) - 1) + 1):
        pairs.append(torch.stack([ids[:-d], ids[d:]], dim=1))
        pairs.append(torch.stack([ids[d:], ids[:-d]], dim=1))
    return torch.unique(torch.cat(pairs), dim=0)
