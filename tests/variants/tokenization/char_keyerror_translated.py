"""KeyError turned into ValueError("character 'x' is not in the vocabulary"); a string table for decode."""

EXERCISE = "tokenization.CharTokenizer"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.vocab_size = len(self.chars)
        self._index = dict(zip(self.chars, range(self.vocab_size)))

    @classmethod
    def from_text(cls, text):
        distinct = list(set(text))
        distinct.sort()
        return cls(distinct)

    def encode(self, text):
        try:
            return [self._index[ch] for ch in text]
        except KeyError as error:
            raise ValueError(f"character {error.args[0]!r} is not in the vocabulary") from None

    def decode(self, ids):
        pieces = [self.chars[int(i)] for i in ids]
        return "".join(pieces)
