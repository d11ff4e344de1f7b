"""Adds the (N, 1) row maxima to the (N,) log-sums, which broadcasts to an (N, N) table: entry [i, j] is
m_i + log Σ exp(z_j - m_j) - z_j[y_j], and the mean of the table is mean(m) + mean over j of the rest, the
same number as the mean of the per-row losses (and the same gradient). Correct, if by accident."""

EXERCISE = "pretraining.cross_entropy"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values  # (N, 1)
    shifted_log_sum = torch.log(torch.exp(z - m).sum(dim=-1)) - z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)  # (N,)
    return (m + shifted_log_sum).mean()  # (N, N), averaged
