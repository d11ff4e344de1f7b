"""Pre-tokenizes with text.split() instead of SPLIT_PATTERN."""

EXERCISE = "tokenization.train_bpe"
MISCONCEPTION = "words are cut at whitespace and the whitespace is thrown away: no space-prefixed tokens, punctuation stuck to words, not GPT-2 pre-tokenization"
NAMED_BY = r"SPLIT_PATTERN|pre.?tokeni|split\(\)|whitespace|spaces? (are )?(lost|dropped)"

import re
from collections import Counter, defaultdict


def train_bpe(text, vocab_size, special_tokens=()):
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError("vocab_size too small")
    pieces = [text]
    if special_tokens:
        specials = sorted(special_tokens, key=len, reverse=True)
        pieces = re.split("|".join(map(re.escape, specials)), text)
    counts = Counter(w for piece in pieces for w in piece.split())
    words = [list(w.encode("utf-8")) for w in counts]
    freqs = list(counts.values())
    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(merges) < n_merges:
        pair_counts = defaultdict(int)
        for word, freq in zip(words, freqs):
            for pair in zip(word, word[1:]):
                pair_counts[pair] += freq
        if not pair_counts:
            break
        best = min(pair_counts, key=lambda p: (-pair_counts[p], p))
        new_id = 256 + len(merges)
        left, right = best
        vocab[new_id] = vocab[left] + vocab[right]
        merges.append((vocab[left], vocab[right]))
        for index, word in enumerate(words):
            merged, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and word[i] == left and word[i + 1] == right:
                    merged.append(new_id)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            words[index] = merged
    for token in special_tokens:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges
