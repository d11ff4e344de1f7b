"""Merges the leftmost adjacent pair that has any merge, scanning the word from the start, instead
of the pair with the lowest rank: position decides, not the order in which merges were learned."""

EXERCISE = "tokenization.BPETokenizer"
MISCONCEPTION = "merges the leftmost mergeable pair instead of the lowest-ranked (earliest learned) one"
NAMED_BY = r"rank|learned first|earliest|order|lowest|leftmost|position"

import re


def _h2_merge_ids(ids, pair, new_id):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


class BPETokenizer:
    def __init__(self, vocab, merges, special_tokens=()):
        self.vocab = dict(vocab)
        inverse = {b: i for i, b in self.vocab.items()}
        self.ranks = {}
        self.merged = {}
        for rank, (left, right) in enumerate(merges):
            pair = (inverse[left], inverse[right])
            self.ranks[pair] = rank
            self.merged[pair] = inverse[left + right]
        self.special = {}
        for token in special_tokens:
            raw = token.encode("utf-8")
            if raw not in inverse:
                new_id = max(self.vocab) + 1
                self.vocab[new_id] = raw
                inverse[raw] = new_id
            self.special[token] = inverse[raw]
        self.pattern = None
        if self.special:
            alternatives = "|".join(re.escape(t) for t in sorted(self.special, key=len, reverse=True))
            self.pattern = re.compile(f"({alternatives})")
        self.cache = {}

    def encode(self, text):
        pieces = self.pattern.split(text) if self.pattern else [text]
        ids = []
        for i, piece in enumerate(pieces):
            if self.pattern and i % 2 == 1:
                ids.append(self.special[piece])
                continue
            for word in SPLIT_PATTERN.findall(piece):  # noqa: F821
                if word not in self.cache:
                    self.cache[word] = self.encode_word(word)
                ids.extend(self.cache[word])
        return ids

    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while len(ids) > 1:
            pair = next((p for p in zip(ids, ids[1:]) if p in self.ranks), None)
            if pair is None:
                break
            ids = _h2_merge_ids(ids, pair, self.merged[pair])
        return ids

    def decode(self, ids):
        return b"".join(self.vocab[i] for i in ids).decode("utf-8", errors="replace")
