"""Builds the target as b − a − c, carrying the minus sign of "− a" on to c: a sign slip in
king − man + woman."""

EXERCISE = "embeddings.analogy"
MISCONCEPTION = "target b − a − c instead of b − a + c"
NAMED_BY = r"sign|b ?[−-] ?a ?[−-] ?c|target|wrong way|\+ ?c"

import torch


def analogy(E, a, b, c, k):
    unit = E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)
    target = unit[b] - unit[a] - unit[c]
    target = target / target.norm().clamp_min(1e-12)
    sims = unit @ target
    sims[[a, b, c]] = -float("inf")
    values, indices = sims.topk(k)
    return [(int(i), float(s)) for i, s in zip(indices, values)]
