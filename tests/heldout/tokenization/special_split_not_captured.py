"""Cuts the text at the special tokens with a pattern that has no capturing group, then encodes the pieces in between."""

EXERCISE = "tokenization.BPETokenizer"
MISCONCEPTION = 'without a capturing group re.split drops the special tokens themselves: they never appear in the ids'
NAMED_BY = r"captur\w*|\bgroup\b|special tokens? (are |is )?(dropped|lost|missing|vanish|removed)|never (appear|encoded)"

import re


class BPETokenizer:
    def __init__(self, vocab, merges, special_tokens=()):
        self.vocab = dict(vocab)
        ids = {token: i for i, token in self.vocab.items()}
        self.merge_ids = {(ids[left], ids[right]): ids[left + right] for left, right in merges}
        self.ranks = {pair: rank for rank, pair in enumerate(self.merge_ids)}
        self.special_ids = {}
        for token in special_tokens:
            if token.encode("utf-8") not in ids:
                ids[token.encode("utf-8")] = len(self.vocab)
                self.vocab[len(self.vocab)] = token.encode("utf-8")
            self.special_ids[token] = ids[token.encode("utf-8")]
        specials = sorted(self.special_ids, key=len, reverse=True)
        self.special_pattern = re.compile("|".join(map(re.escape, specials))) if specials else None
        self.cache = {}

    def encode(self, text):
        pieces = self.special_pattern.split(text) if self.special_pattern else [text]
        ids = []
        for piece in pieces:
            for word in SPLIT_PATTERN.findall(piece):
                if word not in self.cache:
                    self.cache[word] = self.encode_word(word)
                ids.extend(self.cache[word])
        return ids

    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while len(ids) > 1:
            pair = min(zip(ids, ids[1:]), key=lambda p: self.ranks.get(p, len(self.ranks)))
            if pair not in self.ranks:
                break
            merged, i = [], 0
            while i < len(ids):
                if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
                    merged.append(self.merge_ids[pair])
                    i += 2
                else:
                    merged.append(ids[i])
                    i += 1
            ids = merged
        return ids

    def decode(self, ids):
        return b"".join(self.vocab[i] for i in ids).decode("utf-8", errors="replace")
