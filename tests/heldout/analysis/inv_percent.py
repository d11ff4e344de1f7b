"""Reports the share as a percentage."""

EXERCISE = "analysis.invented_word_share"
MISCONCEPTION = "returns a percentage (0-100) instead of a share in [0, 1]"
NAMED_BY = r"percent\w*|× ?100|\* ?100|times 100|fraction|\[0, 1\]"

import math
import re

import torch


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z']+", text.lower())
    if not words:
        return 0.0
    return 100.0 * sum(word not in vocabulary for word in words) / len(words)
