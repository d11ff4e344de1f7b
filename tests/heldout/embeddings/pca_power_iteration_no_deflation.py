"""Power iteration for both axes from two different starts, without removing the first component before the second."""

EXERCISE = "embeddings.pca_2d"
MISCONCEPTION = "no deflation: power iteration converges to the top direction both times, so the second axis repeats the first instead of being orthogonal"
NAMED_BY = r"deflat|orthogonal|second (axis|component|direction|column)|same direction|repeat|both (axes|columns)|collinear|identical"

import torch


def pca_2d(E):
    X = E - E.mean(dim=0)
    C = X.T @ X
    generator = torch.Generator().manual_seed(0)
    axes = []
    for _ in range(2):
        v = torch.randn(C.size(0), generator=generator, dtype=C.dtype)
        for _ in range(500):
            v = C @ v
            v = v / v.norm().clamp_min(1e-12)
        axes.append(v)
    return X @ torch.stack(axes, dim=1)
