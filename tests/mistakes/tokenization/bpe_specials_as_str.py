"""Stores the special tokens in vocab as str, not as their UTF-8 bytes."""

EXERCISE = "tokenization.train_bpe"
DIAGNOSIS = "special tokens stored as str"


import heapq
import re
from collections import Counter, defaultdict


def train_bpe(text, vocab_size, special_tokens=()):
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError(f"vocab_size {vocab_size} leaves no room for 256 bytes and {len(special_tokens)} special tokens")
    pieces = [text]
    if special_tokens:
        specials = sorted(special_tokens, key=len, reverse=True)  # the longest first, where two overlap
        pieces = re.split("|".join(map(re.escape, specials)), text)
    counts = Counter(word for piece in pieces for word in SPLIT_PATTERN.findall(piece))  # noqa: F821
    words = [list(word.encode("utf-8")) for word in counts]  # each word as a list of ids
    freqs = list(counts.values())

    pair_counts = defaultdict(int)  # (left id, right id) -> occurrences in the text
    where = defaultdict(set)  # (left id, right id) -> indices of the words that hold it
    for index, (word, freq) in enumerate(zip(words, freqs)):
        for pair in zip(word, word[1:]):
            pair_counts[pair] += freq
            where[pair].add(index)
    heap = [(-count, pair) for pair, count in pair_counts.items()]
    heapq.heapify(heap)

    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(merges) < n_merges and heap:
        negative_count, pair = heapq.heappop(heap)
        if pair_counts.get(pair) != -negative_count:
            continue  # an outdated entry: the pair's count changed after it was pushed
        new_id = 256 + len(merges)
        left, right = pair
        vocab[new_id] = vocab[left] + vocab[right]
        merges.append((vocab[left], vocab[right]))
        changed = set()
        for index in where.pop(pair):
            word, freq = words[index], freqs[index]
            merged, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and word[i] == left and word[i + 1] == right:
                    merged.append(new_id)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            for old in zip(word, word[1:]):
                pair_counts[old] -= freq
                changed.add(old)
            for new in zip(merged, merged[1:]):
                pair_counts[new] += freq
                where[new].add(index)
                changed.add(new)
            words[index] = merged
        for changed_pair in changed:
            count = pair_counts[changed_pair]
            if count > 0:
                heapq.heappush(heap, (-count, changed_pair))
            else:
                del pair_counts[changed_pair]
    for token in special_tokens:
        vocab[len(vocab)] = token
    return vocab, merges
