"""Stacks centres and contexts as rows (a (2, n) tensor) and then .view(-1, 2)s it, believing that
reshaping is the same as transposing: the numbers are re-read in memory order, so rows pair up
neighbouring centres instead of a centre and its context."""

EXERCISE = "embeddings.skipgram_pairs"
MISCONCEPTION = "view(-1, 2) of a (2, n) stack instead of stacking along dim=1, which scrambles the pairs"
NAMED_BY = r"view\(|reshape|transpos|stack(ed|ing)? .*(dim|rows)|scrambl|memory order"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pieces = [torch.empty(0, 2, dtype=torch.long)]
    for d in range(1, window + 1):
        a, b = ids[:-d], ids[d:]
        if len(a) == 0:
            break
        pieces.append(torch.stack([a, b]).view(-1, 2))
        pieces.append(torch.stack([b, a]).view(-1, 2))
    return torch.cat(pieces)
