"""Finds words with [a-z]+, leaving the apostrophe out."""

EXERCISE = "analysis.invented_word_share"
MISCONCEPTION = "apostrophes split words: o'er becomes o + er, 'tis becomes tis, so words are looked up wrongly"
NAMED_BY = r"apostroph|\[a-z'\]|regex|word (pattern|definition)"

import math
import re

import torch


def invented_word_share(text, vocabulary):
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return 0.0
    return sum(word not in vocabulary for word in words) / len(words)
