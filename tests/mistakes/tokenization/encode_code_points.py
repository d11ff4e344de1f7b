"""encode_word starts from the characters' code points instead of the UTF-8 bytes."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "encode_word starts from the characters' code points"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode_word(self, word):
        ids = [ord(char) for char in word]
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
