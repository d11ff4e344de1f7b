"""A Counter of the words; invented occurrences summed from it."""

EXERCISE = "analysis.invented_word_share"

import re
from collections import Counter


def invented_word_share(text, vocabulary):
    counts = Counter(re.findall(r"[a-z']+", text.lower()))
    total = sum(counts.values())
    if total == 0:
        return 0.0
    invented = sum(count for word, count in counts.items() if word not in vocabulary)
    return invented / total
