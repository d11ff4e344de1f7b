"""Applies the most recently learned merge first."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "the latest learned merge applied first"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while True:
            pairs = [p for p in zip(ids, ids[1:]) if p in self.ranks]
            if not pairs:
                return ids
            pair = max(pairs, key=self.ranks.get)  # min: the merge learned first goes first
            merged, i = [], 0
            while i < len(ids):
                if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
                    merged.append(self.merge_ids[pair])
                    i += 2
                else:
                    merged.append(ids[i])
                    i += 1
            ids = merged
