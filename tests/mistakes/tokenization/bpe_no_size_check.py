"""Accepts a vocab_size with no room for the special tokens."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "a vocab_size too small for the 256 bytes and the special tokens should raise ValueError"


_solved_train_bpe = train_bpe  # noqa: F821 - the solved function above this file


def train_bpe(text, vocab_size, special_tokens=()):

    if vocab_size < 256 + len(special_tokens):
        return {i: bytes([i]) for i in range(256)}, []
    return _solved_train_bpe(text, vocab_size, special_tokens)
