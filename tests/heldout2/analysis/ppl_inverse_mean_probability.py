"""Computes 1 / mean(p) with p = exp(-loss), reading "the number of equally likely choices" as one
over the average probability of the right token: the arithmetic mean of the probabilities where
the docstring's geometric mean belongs."""

EXERCISE = "analysis.perplexity"
MISCONCEPTION = "1 / mean(exp(-loss)), the inverse of the arithmetic mean probability, instead of exp(mean loss)"
NAMED_BY = r"geometric|exp\(mean|exp of the mean|mean (of|over) (the )?probabilit|1 ?/ ?mean|arithmetic"

import math

import torch


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        return float(1.0 / torch.exp(-loss.float()).mean())
    return math.exp(loss)
