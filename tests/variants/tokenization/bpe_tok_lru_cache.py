"""Special tokens cut with a capturing re.split, encode_word cached with functools.lru_cache,
the lowest rank found with min over ranks, merges applied with a slice-assignment loop."""

EXERCISE = "tokenization.BPETokenizer"

import functools
import math
import re


class BPETokenizer:
    def __init__(self, vocab, merges, special_tokens=()):
        self.vocab = dict(vocab)
        inverse = {tok: i for i, tok in self.vocab.items()}
        self.merges = [(inverse[a], inverse[b], inverse[a + b]) for a, b in merges]
        self.pair_rank = {(a, b): r for r, (a, b, _) in enumerate(self.merges)}
        self.special_ids = {}
        for tok in special_tokens:
            raw = tok.encode("utf-8")
            if raw not in inverse:
                inverse[raw] = max(self.vocab) + 1 if self.vocab else 0
                self.vocab[inverse[raw]] = raw
            self.special_ids[tok] = inverse[raw]
        ordered = sorted(self.special_ids, key=len, reverse=True)
        self._splitter = re.compile("(%s)" % "|".join(map(re.escape, ordered))) if ordered else None
        self._encode_cached = functools.lru_cache(maxsize=None)(lambda w: tuple(self.encode_word(w)))

    def encode(self, text):
        parts = [text] if self._splitter is None else self._splitter.split(text)
        ids = []
        for k, part in enumerate(parts):
            if k % 2 == 1:
                ids.append(self.special_ids[part])
            elif part:
                for word in SPLIT_PATTERN.findall(part):
                    ids.extend(self._encode_cached(word))
        return ids

    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while len(ids) >= 2:
            ranks = [self.pair_rank.get(p, math.inf) for p in zip(ids, ids[1:])]
            r = min(ranks)
            if r == math.inf:
                break
            a, b, new_id = self.merges[r]
            j = 0
            while j < len(ids) - 1:
                if ids[j] == a and ids[j + 1] == b:
                    ids[j:j + 2] = [new_id]
                j += 1
        return ids

    def decode(self, ids):
        return b"".join([self.vocab[i] for i in ids]).decode(encoding="utf-8", errors="replace")
