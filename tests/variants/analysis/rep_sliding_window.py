"""Words from a compiled pattern's finditer; the n-gram slides along a deque."""

EXERCISE = "analysis.repetition_rate"

import re
from collections import deque

WORD = re.compile(r"[a-z']+")


def repetition_rate(text, n):
    window = deque(maxlen=n)
    grams = []
    for match in WORD.finditer(text.lower()):
        window.append(match.group())
        if len(window) == n:
            grams.append(tuple(window))
    if not grams:
        return 0.0
    return (len(grams) - len(set(grams))) / len(grams)
