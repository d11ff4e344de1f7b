"""A heap of (-count, left, right) with lazy deletion, words as lists, explicit position scan."""

EXERCISE = "tokenization.train_bpe"

import heapq
import re
from collections import Counter, defaultdict


def _pieces(text, special_tokens):
    if not special_tokens:
        return [text]
    pattern = re.compile("|".join(re.escape(tok) for tok in sorted(special_tokens, key=lambda s: -len(s))))
    return pattern.split(text)


def train_bpe(text, vocab_size, special_tokens=()):
    n_merges = vocab_size - 256 - len(special_tokens)
    if n_merges < 0:
        raise ValueError(f"need vocab_size >= {256 + len(special_tokens)}, got {vocab_size}")

    freq_of = Counter()
    for piece in _pieces(text, special_tokens):
        for word in SPLIT_PATTERN.findall(piece):
            freq_of[word] += 1
    seqs = [list(w.encode("utf-8")) for w in freq_of]
    freqs = list(freq_of.values())

    stats = defaultdict(int)
    index = defaultdict(set)
    for wi, seq in enumerate(seqs):
        for j in range(len(seq) - 1):
            stats[seq[j], seq[j + 1]] += freqs[wi]
            index[seq[j], seq[j + 1]].add(wi)

    heap = [(-c, a, b) for (a, b), c in stats.items()]
    heapq.heapify(heap)
    vocab = {b: bytes([b]) for b in range(256)}
    merges = []
    while heap and len(merges) < n_merges:
        neg, a, b = heapq.heappop(heap)
        if stats.get((a, b), 0) != -neg or neg == 0:
            continue
        new_id = len(vocab)
        vocab[new_id] = vocab[a] + vocab[b]
        merges.append((vocab[a], vocab[b]))
        touched = set()
        for wi in index.pop((a, b)):
            seq, f = seqs[wi], freqs[wi]
            for j in range(len(seq) - 1):
                stats[seq[j], seq[j + 1]] -= f
                touched.add((seq[j], seq[j + 1]))
            out, j = [], 0
            while j < len(seq):
                if j + 1 < len(seq) and seq[j] == a and seq[j + 1] == b:
                    out.append(new_id)
                    j += 2
                else:
                    out.append(seq[j])
                    j += 1
            for j in range(len(out) - 1):
                stats[out[j], out[j + 1]] += f
                index[out[j], out[j + 1]].add(wi)
                touched.add((out[j], out[j + 1]))
            seqs[wi] = out
        for pair in touched:
            c = stats.get(pair, 0)
            if c > 0:
                heapq.heappush(heap, (-c, pair[0], pair[1]))
            else:
                stats.pop(pair, None)
    for tok in special_tokens:
        vocab[len(vocab)] = tok.encode("utf-8")
    return vocab, merges
