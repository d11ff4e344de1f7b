"""Slices each n-gram as words[i:i + n - 1], an off-by-one in the slice end carried over from
inclusive indexing: the "n-grams" have n - 1 words (empty tuples when n = 1)."""

EXERCISE = "analysis.repetition_rate"
MISCONCEPTION = "n-grams sliced words[i:i + n - 1], one word short"
NAMED_BY = r"n ?- ?1|one word short|off[- ]by[- ]one|gram length|words\[i:i ?\+ ?n"

import re


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    grams = [tuple(words[i:i + n - 1]) for i in range(len(words) - n + 1)]
    if not grams:
        return 0.0
    return 1 - len(set(grams)) / len(grams)
