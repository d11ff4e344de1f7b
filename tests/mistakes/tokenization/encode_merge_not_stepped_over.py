"""After merging a pair, looks at its right token again and keeps it too."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "encode_word looks at the token after a merged pair again"


class BPETokenizer(BPETokenizer):  # noqa: F821
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
                    i += 1  # should be 2: the right token is part of the merge
                else:
                    merged.append(ids[i])
                    i += 1
            ids = merged
        return ids
