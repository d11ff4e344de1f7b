"""Finds words with \\w+, which splits at apostrophes and counts digits as words."""

EXERCISE = "analysis.repetition_rate"
MISCONCEPTION = "words found with \\w+ instead of [a-z']+: don't becomes two words, and digits and underscores count as words"
NAMED_BY = r"regex|apostroph|\[a-z'\]|\\w\+|word (pattern|definition)|underscore"

import re


def repetition_rate(text, n):
    words = re.findall(r"\w+", text.lower())
    ngrams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    if not ngrams:
        return 0.0
    return 1.0 - len(set(ngrams)) / len(ngrams)
