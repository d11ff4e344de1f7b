"""One minus the share of known words, with the words found by re.finditer over a compiled
pattern with re.IGNORECASE and lowercased afterwards: the same words, the same share."""

EXERCISE = "analysis.invented_word_share"

import re

WORD = re.compile(r"[a-z']+", re.IGNORECASE)


def invented_word_share(text, vocabulary):
    words = [match.group().lower() for match in WORD.finditer(text)]
    if len(words) == 0:
        return 0.0
    known = sum(1 for word in words if word in vocabulary)
    return 1 - known / len(words)
