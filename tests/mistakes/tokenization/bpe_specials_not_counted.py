"""Learns vocab_size - 256 merges and adds the special tokens on top."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "vocab_size does not count the special tokens"


_solved_train_bpe = train_bpe  # noqa: F821 - the solved function above this file


def train_bpe(text, vocab_size, special_tokens=()):

    return _solved_train_bpe(text, vocab_size + len(special_tokens), special_tokens)
