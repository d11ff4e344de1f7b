"""Records merges as pairs of ids instead of pairs of bytes."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "merges hold ids"


_solved_train_bpe = train_bpe  # noqa: F821 - the solved function above this file


def train_bpe(text, vocab_size, special_tokens=()):

    vocab, merges = _solved_train_bpe(text, vocab_size, special_tokens)
    ids = {token: i for i, token in vocab.items()}
    return vocab, [(ids[a], ids[b]) for a, b in merges]
