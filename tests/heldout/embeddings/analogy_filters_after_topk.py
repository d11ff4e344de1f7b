"""Takes the top k first and then removes a, b and c from that list."""

EXERCISE = "embeddings.analogy"
MISCONCEPTION = "a, b, c are filtered after topk, so fewer than k results come back when any of them ranked in the top k"
NAMED_BY = r"fewer than k|k (pairs|results)|too (few|short)|length|after (the )?topk|before ranking|returned \d+ (pairs|results)"

import torch


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[a] + unit[c]
    cosines = unit @ (target / target.norm().clamp_min(1e-12))
    values, indices = cosines.topk(k)
    return [(int(i), float(v)) for i, v in zip(indices, values) if int(i) not in (a, b, c)]
