"""Strips each pre-tokenized word (w.strip()) to count ' the' and 'the' as one word: the leading
space that SPLIT_PATTERN attaches to a word is thrown away, so no merge ever involves a space."""

EXERCISE = "tokenization.train_bpe"
MISCONCEPTION = "strips the pre-tokenized words, dropping the leading space that belongs to each word"
NAMED_BY = r"space|strip|whitespace"

import heapq
import re
from collections import Counter, defaultdict


def _h2_merge(word, pair, new_id):
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and word[i] == pair[0] and word[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def _h2_pairs(word):
    return zip(word, word[1:])


def train_bpe(text, vocab_size, special_tokens=()):
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError(f"vocab_size {vocab_size} leaves no room for the 256 bytes and the special tokens")
    pieces = [text]
    if special_tokens:
        pattern = "|".join(re.escape(s) for s in sorted(special_tokens, key=len, reverse=True))
        pieces = re.split(pattern, text)
    counts = Counter()
    for piece in pieces:
        counts.update(w.strip() for w in SPLIT_PATTERN.findall(piece))  # noqa: F821
    words = [list(word.encode("utf-8")) for word in counts]
    freqs = list(counts.values())
    pair_counts = defaultdict(int)
    where = defaultdict(set)
    for wi, word in enumerate(words):
        for pair in _h2_pairs(word):
            pair_counts[pair] += freqs[wi]
            where[pair].add(wi)
    heap = [(-count, pair) for pair, count in pair_counts.items()]
    heapq.heapify(heap)
    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(merges) < n_merges and heap:
        neg, pair = heapq.heappop(heap)
        if neg == 0 or pair_counts.get(pair, 0) != -neg:
            continue
        new_id = 256 + len(merges)
        vocab[new_id] = vocab[pair[0]] + vocab[pair[1]]
        merges.append((vocab[pair[0]], vocab[pair[1]]))
        changed = set()
        for wi in list(where[pair]):
            word, freq = words[wi], freqs[wi]
            for p in _h2_pairs(word):
                pair_counts[p] -= freq
                where[p].discard(wi)
                changed.add(p)
            merged = _h2_merge(word, pair, new_id)
            words[wi] = merged
            for p in _h2_pairs(merged):
                pair_counts[p] += freq
                where[p].add(wi)
                changed.add(p)
        for p in changed:
            if pair_counts[p] > 0:
                heapq.heappush(heap, (-pair_counts[p], p))
            else:
                pair_counts.pop(p, None)
    next_id = 256 + len(merges)
    for token in special_tokens:
        vocab[next_id] = token.encode("utf-8")
        next_id += 1
    return vocab, merges
