"""Averages only over the rows that have more than one key to choose from (entropy above 0),
because "row 0 always scores 0 under a causal mask": the mean is taken over a subset of the
queries instead of all T_q of them."""

EXERCISE = "attention.attention_entropy"
MISCONCEPTION = "averages the row entropies only over rows with non-zero entropy instead of over all queries"
NAMED_BY = r"mean over (the |all )?(queries|rows)|all (the )?rows|zero rows|one-hot rows|averag|T_q"

import torch


def attention_entropy(weights):
    h = -torch.special.xlogy(weights, weights).sum(dim=-1)
    counted = (h > 0).sum(dim=-1).clamp_min(1)
    return h.sum(dim=-1) / counted
