"""Slices ids directly and stacks the slices, assuming ids is already a tensor."""

EXERCISE = "embeddings.skipgram_pairs"
MISCONCEPTION = "a Python list of ids (allowed by the contract) is never converted to a tensor, so torch.stack fails on list slices"
NAMED_BY = r"\blist\b|as_tensor|convert"

import torch


def skipgram_pairs(ids, window):
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for d in range(1, window + 1):
        if d >= len(ids):
            break
        left, right = ids[:-d], ids[d:]
        pairs.append(torch.stack([left, right], dim=1))
        pairs.append(torch.stack([right, left], dim=1))
    return torch.cat(pairs)
