"""Cuts the text at the special tokens with a pattern that captures nothing, so they vanish."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "special tokens cut out but never emitted"


import re


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode(self, text):
        if not self.special_ids:
            return super().encode(text)
        pattern = "|".join(map(re.escape, sorted(self.special_ids, key=len, reverse=True)))
        ids = []
        for piece in re.split(pattern, text):  # no capturing group: the special tokens are not returned
            for word in SPLIT_PATTERN.findall(piece):  # noqa: F821
                ids.extend(self.encode_word(word))
        return ids
