"""Gives a missing special token an id but never puts it in vocab: the next one gets the same id."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "special tokens not added to vocab"

import re


class BPETokenizer(BPETokenizer):  # noqa: F821
    def __init__(self, vocab, merges, special_tokens=()):
        super().__init__(vocab, merges)
        ids = {token: i for i, token in self.vocab.items()}
        for token in special_tokens:
            self.special_ids[token] = ids.get(token.encode("utf-8"), len(self.vocab))
        specials = sorted(self.special_ids, key=len, reverse=True)
        self.special_pattern = re.compile("(" + "|".join(map(re.escape, specials)) + ")") if specials else None
