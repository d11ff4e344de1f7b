"""Gives every special token a new id, even one that vocab already holds."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "a special token already in vocab given a new id"

import re


class BPETokenizer(BPETokenizer):  # noqa: F821
    def __init__(self, vocab, merges, special_tokens=()):
        super().__init__(vocab, merges)
        for token in special_tokens:
            self.special_ids[token] = len(self.vocab)
            self.vocab[len(self.vocab)] = token.encode("utf-8")
        specials = sorted(self.special_ids, key=len, reverse=True)
        self.special_pattern = re.compile("(" + "|".join(map(re.escape, specials)) + ")") if specials else None
