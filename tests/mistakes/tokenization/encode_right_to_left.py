"""Merges the occurrences of a pair starting from the end of the word."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "occurrences merged right to left"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while len(ids) > 1:
            pair = min(zip(ids, ids[1:]), key=lambda p: self.ranks.get(p, len(self.ranks)))
            if pair not in self.ranks:
                break
            merged, i = [], len(ids) - 1
            while i >= 0:  # from the right
                if i > 0 and (ids[i - 1], ids[i]) == pair:
                    merged.append(self.merge_ids[pair])
                    i -= 2
                else:
                    merged.append(ids[i])
                    i -= 1
            ids = merged[::-1]
        return ids
