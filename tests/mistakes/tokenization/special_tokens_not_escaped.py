"""Builds the special-token pattern without re.escape: "(<|endoftext|>)" captures "<", so the
lookup of its id raises KeyError: '<'."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "special tokens used as regular expressions"


import re


class BPETokenizer(BPETokenizer):  # noqa: F821
    def __init__(self, vocab, merges, special_tokens=()):
        super().__init__(vocab, merges, special_tokens)
        if special_tokens:
            specials = sorted(special_tokens, key=len, reverse=True)
            self.special_pattern = re.compile("(" + "|".join(specials) + ")")  # re.escape forgotten
