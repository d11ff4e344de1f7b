"""Gives the special tokens the ids right after the 256 bytes."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "special tokens take the ids right after the bytes"


_solved_train_bpe = train_bpe  # noqa: F821 - the solved function above this file


def train_bpe(text, vocab_size, special_tokens=()):

    vocab, merges = _solved_train_bpe(text, vocab_size, special_tokens)
    tokens = [vocab[i] for i in range(256)] + [t.encode("utf-8") for t in special_tokens] + [a + b for a, b in merges]
    return dict(enumerate(tokens)), merges
