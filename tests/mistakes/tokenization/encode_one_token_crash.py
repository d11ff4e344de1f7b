"""Loops until no pair has a merge, taking min() over the pairs even when a word is down to one id."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "encode_word fails once a word is down to one id"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while True:  # `while len(ids) > 1` was meant: min() of no pairs raises ValueError
            pair = min(zip(ids, ids[1:]), key=lambda p: self.ranks.get(p, len(self.ranks)))
            if pair not in self.ranks:
                return ids
            merged, i = [], 0
            while i < len(ids):
                if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
                    merged.append(self.merge_ids[pair])
                    i += 2
                else:
                    merged.append(ids[i])
                    i += 1
            ids = merged
