"""Counts each n-gram with a Counter and adds up the occurrences after its first (count - 1):
that sum is total - distinct, so the rate is the same 1 - distinct / total."""

EXERCISE = "analysis.repetition_rate"

import re
from collections import Counter


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    counts = Counter(zip(*(words[offset:] for offset in range(n))))
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return sum(count - 1 for count in counts.values()) / total
