"""Splits on whitespace and strips punctuation from the ends of each piece: hyphenated words stay whole, digits count."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "words split on spaces with punctuation stripped from their ends"


import string


def repetition_rate(text, n):
    words = [word.strip(string.punctuation) for word in text.lower().split()]
    words = [word for word in words if word]
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
