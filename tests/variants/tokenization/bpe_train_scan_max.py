"""Incremental pair counts (only the words holding the merged pair are recounted), but the best
pair found by a min over the count dict instead of a heap; words kept as tuples in a dict."""

EXERCISE = "tokenization.train_bpe"

import re
from collections import Counter, defaultdict


def _merge_word(word, pair, new_id):
    out = []
    i = 0
    n = len(word)
    while i < n:
        if i < n - 1 and word[i] == pair[0] and word[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def train_bpe(text, vocab_size, special_tokens=()):
    special_tokens = list(special_tokens)
    num_merges = vocab_size - 256 - len(special_tokens)
    if num_merges < 0:
        raise ValueError("vocab_size is too small for the 256 byte tokens and the special tokens")

    if special_tokens:
        alternatives = sorted(special_tokens, key=len, reverse=True)
        chunks = re.split("|".join(re.escape(s) for s in alternatives), text)
    else:
        chunks = [text]
    word_freq = Counter()
    for chunk in chunks:
        word_freq.update(SPLIT_PATTERN.findall(chunk))

    words = {}  # index -> tuple of ids
    freq = {}
    for index, (word, count) in enumerate(word_freq.items()):
        words[index] = tuple(word.encode("utf-8"))
        freq[index] = count

    counts = Counter()
    holders = defaultdict(set)
    for index, word in words.items():
        for a, b in zip(word, word[1:]):
            counts[(a, b)] += freq[index]
            holders[(a, b)].add(index)

    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    for step in range(num_merges):
        live = [(-c, p) for p, c in counts.items() if c > 0]
        if not live:
            break
        _, best = min(live)
        new_id = 256 + step
        vocab[new_id] = vocab[best[0]] + vocab[best[1]]
        merges.append((vocab[best[0]], vocab[best[1]]))
        touched = set()
        for index in holders.pop(best, set()):
            old = words[index]
            new = _merge_word(old, best, new_id)
            if new == old:
                continue
            f = freq[index]
            for p in zip(old, old[1:]):
                counts[p] -= f
                touched.add(p)
            for p in zip(new, new[1:]):
                counts[p] += f
                holders[p].add(index)
                touched.add(p)
            words[index] = new
        for p in touched:
            if counts[p] <= 0:
                del counts[p]
    next_id = 256 + len(merges)
    for offset, token in enumerate(special_tokens):
        vocab[next_id + offset] = token.encode("utf-8")
    return vocab, merges
