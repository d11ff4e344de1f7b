"""Counts the n-grams already seen while walking the text: repeats / total = 1 - distinct / total."""

EXERCISE = "analysis.repetition_rate"

import re

WORD = re.compile(r"[a-z']+")


def repetition_rate(text, n):
    words = WORD.findall(text.lower())
    seen = set()
    repeats = 0
    total = 0
    for start in range(len(words) - n + 1):
        gram = tuple(words[start:start + n])
        total += 1
        if gram in seen:
            repeats += 1
        else:
            seen.add(gram)
    return repeats / total if total else 0.0
