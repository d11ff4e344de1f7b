"""Splits on whitespace and strips punctuation from both ends of each word."""

EXERCISE = "analysis.invented_word_share"
MISCONCEPTION = "word edges stripped of all punctuation (the apostrophe of 'tis too) and inner punctuation kept (well-met, lord,--): not the contract's [a-z']+ words"
NAMED_BY = r"regex|\[a-z'\]|strip\w*|punctuation|apostroph|hyphen|split\w* on (white)?spaces?"

import math
import re

import torch


def invented_word_share(text, vocabulary):
    import string

    words = [w.strip(string.punctuation) for w in text.lower().split()]
    words = [w for w in words if w]
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
