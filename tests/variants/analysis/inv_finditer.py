"""Counts word by word over finditer, no list of words kept."""

EXERCISE = "analysis.invented_word_share"

import re


def invented_word_share(text, vocabulary):
    words = invented = 0
    for match in re.finditer(r"[a-z']+", text.lower()):
        words += 1
        invented += match.group() not in vocabulary
    return invented / words if words else 0.0
