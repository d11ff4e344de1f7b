"""Leaves the special tokens in the training text, so merges learn their pieces."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "special tokens were trained on"


_solved_train_bpe = train_bpe  # noqa: F821 - the solved function above this file


def train_bpe(text, vocab_size, special_tokens=()):

    vocab, merges = _solved_train_bpe(text, vocab_size - len(special_tokens))  # <|endoftext|> trained on as text
    for token in special_tokens:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges
