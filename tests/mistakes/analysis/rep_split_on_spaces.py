"""Splits on whitespace, so punctuation sticks to the words."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "punctuation kept with the words"


def repetition_rate(text, n):
    words = text.lower().split()
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
