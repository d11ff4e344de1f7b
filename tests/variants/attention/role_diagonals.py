"""The stripes read with torch.diagonal; the leading dims averaged away one at a time."""

EXERCISE = "attention.head_role"

import torch


def head_role(weights):
    avg = weights
    while avg.dim() > 2:
        avg = avg.mean(dim=0)
    previous = torch.diagonal(avg, offset=-1)[1:].mean()  # avg[t, t-1] for t = 2..T-1
    first = avg[2:, 0].mean()
    itself = torch.diagonal(avg)[2:].mean()
    scores = [("previous-token", previous.item()), ("first-token", first.item()), ("self", itself.item())]
    best_role, best_share = max(scores, key=lambda pair: pair[1])
    return best_role if best_share > 0.5 else "broad"
