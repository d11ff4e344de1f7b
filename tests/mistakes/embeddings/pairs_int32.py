"""Converts the ids to torch.int (int32): the pairs come back as an IntTensor, not a LongTensor."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "pairs have another integer dtype"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.int)
    pairs = [torch.empty(0, 2, dtype=torch.int)]
    for distance in range(1, min(window, len(ids) - 1) + 1):
        left, right = ids[:-distance], ids[distance:]
        pairs += [torch.stack([left, right], dim=1), torch.stack([right, left], dim=1)]
    return torch.cat(pairs)
