"""Keeps each n-gram as a list slice, then puts them in a set."""

EXERCISE = "analysis.repetition_rate"
MISCONCEPTION = "lists are unhashable: set(ngrams) raises TypeError (n-grams must be tuples)"
NAMED_BY = r"tuple|hashable|\blists?\b"

import math
import re

import torch


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [words[i:i + n] for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
