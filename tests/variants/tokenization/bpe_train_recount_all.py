"""The slow first version the hints suggest: every pair recounted after each merge, the best pair
found with max over (count, -left, -right), words kept as a Counter of tuples. Slower, but every
output the docstring promises is the same."""

EXERCISE = "tokenization.train_bpe"

import re
from collections import Counter


def train_bpe(text, vocab_size, special_tokens=()):
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError(f"{vocab_size} tokens cannot hold 256 bytes plus {len(special_tokens)} special tokens")
    if special_tokens:
        by_length = sorted(special_tokens, key=len, reverse=True)
        pieces = re.split("|".join(re.escape(token) for token in by_length), text)
    else:
        pieces = [text]
    words = Counter()
    for piece in pieces:
        for word in SPLIT_PATTERN.findall(piece):  # noqa: F821
            words[tuple(word.encode("utf-8"))] += 1
    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    for new_id in range(256, 256 + n_merges):
        pairs = Counter()
        for word, count in words.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += count
        if not pairs:
            break
        left, right = max(pairs, key=lambda p: (pairs[p], -p[0], -p[1]))
        vocab[new_id] = vocab[left] + vocab[right]
        merges.append((vocab[left], vocab[right]))
        merged_words = Counter()
        for word, count in words.items():
            out, i = [], 0
            while i < len(word):
                if word[i:i + 2] == (left, right):
                    out.append(new_id)
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged_words[tuple(out)] += count
        words = merged_words
    for offset, token in enumerate(special_tokens):
        vocab[256 + len(merges) + offset] = token.encode("utf-8")
    return vocab, merges
