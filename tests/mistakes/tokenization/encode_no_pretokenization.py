"""encode runs the merges over each piece of text as a whole, without SPLIT_PATTERN."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "encode does not pre-tokenize"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode(self, text):
        pieces = self.special_pattern.split(text) if self.special_pattern else [text]
        ids = []
        for index, piece in enumerate(pieces):
            if index % 2:
                ids.append(self.special_ids[piece])
            elif piece:
                ids.extend(self.encode_word(piece))
        return ids
