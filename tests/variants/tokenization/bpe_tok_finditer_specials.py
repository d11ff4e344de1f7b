"""Special tokens found with finditer over an escaped, longest-first alternation (no re.split);
the lowest-rank pair found with sorted(); merges applied by rebuilding the list; decode through a
bytearray. The same ids as the reference for every text."""

EXERCISE = "tokenization.BPETokenizer"

import re


class BPETokenizer:
    def __init__(self, vocab, merges, special_tokens=()):
        self.vocab = dict(vocab)
        token_ids = {token: i for i, token in self.vocab.items()}
        self.ranks, self.joined = {}, {}
        for rank, (left, right) in enumerate(merges):
            pair = (token_ids[left], token_ids[right])
            self.ranks[pair] = rank
            self.joined[pair] = token_ids[left + right]
        self.special_ids = {}
        for token in special_tokens:
            raw = token.encode("utf-8")
            if raw not in token_ids:
                token_ids[raw] = len(self.vocab)
                self.vocab[token_ids[raw]] = raw
            self.special_ids[token] = token_ids[raw]
        longest_first = sorted(self.special_ids, key=len, reverse=True)
        self.finder = re.compile("|".join(re.escape(token) for token in longest_first)) if longest_first else None
        self.known = {}

    def encode(self, text):
        out, start = [], 0
        for match in self.finder.finditer(text) if self.finder else ():
            out += self._ordinary(text[start:match.start()])
            out.append(self.special_ids[match.group()])
            start = match.end()
        return out + self._ordinary(text[start:])

    def _ordinary(self, text):
        ids = []
        for word in SPLIT_PATTERN.findall(text):  # noqa: F821
            if word not in self.known:
                self.known[word] = self.encode_word(word)
            ids += self.known[word]
        return ids

    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while True:
            candidates = sorted((self.ranks[p], p) for p in zip(ids, ids[1:]) if p in self.ranks)
            if not candidates:
                return ids
            pair = candidates[0][1]
            rebuilt, i = [], 0
            while i < len(ids):
                if tuple(ids[i:i + 2]) == pair:
                    rebuilt.append(self.joined[pair])
                    i += 2
                else:
                    rebuilt.append(ids[i])
                    i += 1
            ids = rebuilt

    def decode(self, ids):
        buffer = bytearray()
        for i in ids:
            buffer += self.vocab[i]
        return buffer.decode("utf-8", "replace")
