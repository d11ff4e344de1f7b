"""Builds the n-grams with zip(words, words[1:]), whatever n is."""

EXERCISE = "analysis.repetition_rate"
MISCONCEPTION = "n is ignored: always bigrams"
NAMED_BY = r"bigram|ignor\w* n\b|n is ignored|always (pairs|2)|n-gram (size|length)"

import math
import re

import torch


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = list(zip(words, words[1:]))
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
