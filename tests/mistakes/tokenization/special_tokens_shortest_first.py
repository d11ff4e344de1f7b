"""Matches special tokens in the order given, so a shorter one wins an overlap."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "overlapping special tokens matched shortest first"


import re


class BPETokenizer(BPETokenizer):  # noqa: F821
    def __init__(self, vocab, merges, special_tokens=()):
        super().__init__(vocab, merges, special_tokens)
        if special_tokens:  # in the order given, not the longest first
            self.special_pattern = re.compile("(" + "|".join(map(re.escape, special_tokens)) + ")")
