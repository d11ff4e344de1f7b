"""Vectorises with ids.unfold(0, 2·window + 1, 1), one row per full window around a centre, like a
"valid" convolution: centres closer than window to either end never get their pairs, and a sequence
shorter than a full window raises."""

EXERCISE = "embeddings.skipgram_pairs"
MISCONCEPTION = "only centres with a full window on both sides get pairs (unfold), so the pairs near both ends are missing"
NAMED_BY = r"ends?|edges?|near the (start|end)|missing pairs|full window|unfold|too few|count"

import torch


def skipgram_pairs(ids, window):
    ids = torch.as_tensor(ids, dtype=torch.long)
    windows = ids.unfold(0, 2 * window + 1, 1)
    centers = windows[:, window].repeat_interleave(2 * window)
    contexts = torch.cat([windows[:, :window], windows[:, window + 1:]], dim=1).reshape(-1)
    return torch.stack([centers, contexts], dim=1)
