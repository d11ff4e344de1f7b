"""Calls math.exp on whatever it is given."""

EXERCISE = "analysis.perplexity"
MISCONCEPTION = "a tensor of per-token losses is not averaged first: math.exp of a multi-element tensor raises"
NAMED_BY = r"mean (first|of the tensor)|averag\w*|per.token losses|not averaged"

import math
import re

import torch


def perplexity(loss):
    return math.exp(loss)
