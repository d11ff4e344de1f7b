"""Stops once the best pair occurs only once (a minimum frequency of 2 the docstring leaves out)."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "stops when the best pair occurs only once"


import re
from collections import Counter


def train_bpe(text, vocab_size, special_tokens=()):
    """A learner's first version: recount every pair after each merge."""
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError("vocab_size too small")
    specials = sorted(special_tokens, key=len, reverse=True)
    pieces = re.split("|".join(map(re.escape, specials)), text) if special_tokens else [text]
    counts = Counter(word for piece in pieces for word in SPLIT_PATTERN.findall(piece))  # noqa: F821
    words = {tuple(word.encode("utf-8")): count for word, count in counts.items()}
    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(merges) < n_merges:
        pairs = Counter()
        for word, count in words.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += count
        if not pairs:
            break
        left, right = min(pairs, key=lambda p: (-pairs[p], p))
        if pairs[left, right] < 2:
            break
        new_id = len(vocab)
        vocab[new_id] = vocab[left] + vocab[right]
        merges.append((vocab[left], vocab[right]))
        merged_words = Counter()
        for word, count in words.items():
            merged_words[merge(word, left, right, new_id)] += count
        words = merged_words
    for token in special_tokens:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges


def merge(word, left, right, new_id):
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and word[i] == left and word[i + 1] == right:
            out.append(new_id)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)
