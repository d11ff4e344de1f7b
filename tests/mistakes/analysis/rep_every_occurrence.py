"""Counts every position whose n-gram occurs more than once, the first occurrence too."""

EXERCISE = "analysis.repetition_rate"
DIAGNOSIS = "first occurrences counted as repeats"

from collections import Counter


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    ngrams = list(zip(*(words[i:] for i in range(n))))
    if not ngrams:
        return 0.0
    counts = Counter(ngrams)
    return sum(1 for gram in ngrams if counts[gram] > 1) / len(ngrams)
