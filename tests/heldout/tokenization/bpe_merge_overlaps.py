"""Merges at every position where the pair starts, so in "aaa" both overlapping (a, a) pairs become tokens."""

EXERCISE = "tokenization.train_bpe"
MISCONCEPTION = "overlapping occurrences are both merged: in aaa the pair (a, a) is replaced twice, giving two aa tokens (four a's) instead of [aa, a]"
NAMED_BY = r"overlap|non.?overlapping|skip\w* (the|past|over)|step(s|ped)? over|twice|right half"

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
    counts = Counter(w for piece in pieces for w in SPLIT_PATTERN.findall(piece))
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
            merged = []
            for i in range(len(word)):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    merged.append(new_id)
                elif i > 0 and (word[i - 1], word[i]) == best:
                    continue  # the right half of a pair just merged
                else:
                    merged.append(word[i])
            words[index] = merged
    for token in special_tokens:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges
