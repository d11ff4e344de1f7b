"""Encodes by merging the pair most frequent in the text at hand, like a second training run."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "merges applied by frequency in the text being encoded"


from collections import Counter


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode(self, text):
        words = [list(word.encode("utf-8")) for word in SPLIT_PATTERN.findall(text)]  # noqa: F821
        while True:
            counts = Counter(pair for word in words for pair in zip(word, word[1:]) if pair in self.ranks)
            if not counts:
                return [i for word in words for i in word]
            pair = max(counts, key=lambda p: (counts[p], -self.ranks[p]))  # the most frequent here, not the first learned
            for index, word in enumerate(words):
                merged, i = [], 0
                while i < len(word):
                    if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
                        merged.append(self.merge_ids[pair])
                        i += 2
                    else:
                        merged.append(word[i])
                        i += 1
                words[index] = merged
