"""encode_word applies every merge once, in the order learned: a merge of rank r only makes a token
that later (higher-rank) merges use, so one pass over the merges gives the lowest-rank-first result."""

EXERCISE = "tokenization.BPETokenizer"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode_word(self, word):
        ids = list(word.encode("utf-8"))
        for (left, right), new_id in self.merge_ids.items():  # in learned order
            if len(ids) < 2:
                break
            merged, i = [], 0
            while i < len(ids):
                if i + 1 < len(ids) and ids[i] == left and ids[i + 1] == right:
                    merged.append(new_id)
                    i += 2
                else:
                    merged.append(ids[i])
                    i += 1
            ids = merged
        return ids
