"""encode_word merges only the leftmost occurrence of the lowest-rank pair per round: the same pair
stays the lowest until all its occurrences are gone, so the rounds replay the left-to-right merge."""

EXERCISE = "tokenization.BPETokenizer"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        while True:
            ranked = [(self.ranks[pair], i) for i, pair in enumerate(zip(ids, ids[1:])) if pair in self.ranks]
            if not ranked:
                return ids
            _, i = min(ranked)  # the lowest rank, then the leftmost position
            ids[i : i + 2] = [self.merge_ids[ids[i], ids[i + 1]]]
