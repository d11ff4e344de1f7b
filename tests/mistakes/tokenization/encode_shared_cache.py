"""Keeps the word cache as a class attribute, shared by every tokenizer whatever its merges."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "the cache is shared by every tokenizer"


class BPETokenizer(BPETokenizer):  # noqa: F821
    shared_cache = {}

    def __init__(self, vocab, merges, special_tokens=()):
        super().__init__(vocab, merges, special_tokens)
        self.cache = BPETokenizer.shared_cache
