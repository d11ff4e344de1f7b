"""Cuts the words into consecutive non-overlapping chunks of n (range(0, len(words), n)) instead of
sliding an n-word window one word at a time: most n-grams are never looked at, and a short last
chunk counts as an n-gram too."""

EXERCISE = "analysis.repetition_rate"
MISCONCEPTION = "n-grams as non-overlapping chunks of n words instead of every window of n consecutive words"
NAMED_BY = r"overlap|window|every position|consecutive|chunk|sliding"

import re


def repetition_rate(text, n):
    words = re.findall(r"[a-z']+", text.lower())
    grams = [tuple(words[i:i + n]) for i in range(0, len(words), n)]
    if len(words) < n or not grams:
        return 0.0
    return 1 - len(set(grams)) / len(grams)
