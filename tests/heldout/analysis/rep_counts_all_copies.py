"""Counts every n-gram that occurs more than once, its first occurrence included."""

EXERCISE = "analysis.repetition_rate"
MISCONCEPTION = "the first occurrence of a repeated n-gram is counted as a repeat too, instead of 1 - distinct/total"
NAMED_BY = r"first (occurrence|time|copy)|earlier (one|n-gram)|every (copy|occurrence)|more than once|1 - distinct|distinct ?/ ?total"

import math
import re

import torch


def repetition_rate(text, n):
    from collections import Counter

    words = re.findall(r"[a-z']+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    counts = Counter(ngrams)
    return sum(1 for g in ngrams if counts[g] > 1) / len(ngrams)
