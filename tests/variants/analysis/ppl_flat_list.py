"""Any loss as a flat list of Python floats (a float, a 0-d tensor or per-token losses), then
statistics.fmean and math.exp."""

EXERCISE = "analysis.perplexity"

import math
import statistics

import torch


def perplexity(loss):
    values = torch.as_tensor(loss).detach().flatten().tolist()
    return math.exp(statistics.fmean(values))
