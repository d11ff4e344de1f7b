"""Counts n-grams of characters instead of words."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "n-grams of characters"


def repetition_rate(text, n):
    words = list(text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
