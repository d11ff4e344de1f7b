"""Numbers the missing special tokens in the length order used for cutting, not in the order given."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "new ids given to the special tokens longest first"

import re


class BPETokenizer(BPETokenizer):  # noqa: F821
    def __init__(self, vocab, merges, special_tokens=()):
        super().__init__(vocab, merges, sorted(special_tokens, key=len, reverse=True))
