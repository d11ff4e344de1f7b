"""encode returns one list of ids per word (append instead of extend)."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "encode returns one list per word"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode(self, text):
        pieces = self.special_pattern.split(text) if self.special_pattern else [text]
        ids = []
        for index, piece in enumerate(pieces):
            if index % 2:
                ids.append([self.special_ids[piece]])
                continue
            for word in SPLIT_PATTERN.findall(piece):  # noqa: F821
                ids.append(self.encode_word(word))
        return ids
