"""Updates pair counts incrementally but never takes the old pairs of a changed word out."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "pair counts out of date after a merge"


import heapq
import re
from collections import Counter, defaultdict


def train_bpe(text, vocab_size, special_tokens=()):
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError("vocab_size too small")
    pieces = re.split("|".join(map(re.escape, special_tokens)), text) if special_tokens else [text]
    counts = Counter(word for piece in pieces for word in SPLIT_PATTERN.findall(piece))  # noqa: F821
    words = [list(word.encode("utf-8")) for word in counts]
    freqs = list(counts.values())
    pair_counts, where = defaultdict(int), defaultdict(set)
    for index, word in enumerate(words):
        for pair in zip(word, word[1:]):
            pair_counts[pair] += freqs[index]
            where[pair].add(index)
    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(merges) < n_merges and pair_counts:
        left, right = min(pair_counts, key=lambda p: (-pair_counts[p], p))
        new_id = len(vocab)
        vocab[new_id] = vocab[left] + vocab[right]
        merges.append((vocab[left], vocab[right]))
        del pair_counts[left, right]
        for index in where.pop((left, right)):
            word, merged, i = words[index], [], 0
            while i < len(word):
                if i + 1 < len(word) and word[i] == left and word[i + 1] == right:
                    merged.append(new_id)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            for pair in zip(merged, merged[1:]):
                if new_id in pair:  # the new pairs are counted, the ones they replaced are not taken out
                    pair_counts[pair] += freqs[index]
                    where[pair].add(index)
            words[index] = merged
    for token in special_tokens:
        vocab[len(vocab)] = token.encode("utf-8")
    return vocab, merges
