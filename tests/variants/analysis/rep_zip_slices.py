"""n-grams from zip over n shifted copies of the word list."""

EXERCISE = "analysis.repetition_rate"

import re


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    grams = list(zip(*(words[i:] for i in range(n))))
    total = len(grams)
    return 0.0 if total == 0 else 1 - len(set(grams)) / total
