"""The invented words filtered into a list, its length over the number of words."""

EXERCISE = "analysis.invented_word_share"

import re


def invented_word_share(text, vocabulary):
    words = re.findall("[a-z']+", text.lower())
    if len(words) == 0:
        return 0.0
    made_up = [w for w in words if w not in vocabulary]
    return len(made_up) / len(words)
