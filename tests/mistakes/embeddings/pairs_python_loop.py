"""Right answer, but one tensor per position: slow on a corpus of a million words."""

EXERCISE = "embeddings.skipgram_pairs"
DIAGNOSIS = "a Python loop over positions"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for i in range(len(ids)):
        for j in range(max(0, i - window), min(len(ids), i + window + 1)):
            if j != i:
                pairs.append(torch.stack([ids[i], ids[j]])[None])
    return torch.cat(pairs)
