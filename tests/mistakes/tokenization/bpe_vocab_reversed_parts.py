"""Builds a merged token's bytes from its two parts in the wrong order."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "vocab entries of merges are not the joined bytes of their two parts"

_solved_train_bpe = train_bpe  # noqa: F821 - the solved function above this file


def train_bpe(text, vocab_size, special_tokens=()):
    vocab, merges = _solved_train_bpe(text, vocab_size, special_tokens)
    for k, (left, right) in enumerate(merges):
        vocab[256 + k] = right + left  # left + right was meant
    return vocab, merges
