"""Writes vocab_size as a plain method, so tok.vocab_size is a bound method."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "vocab_size is a method (needs calling), not an int attribute or property"
NAMED_BY = r"vocab_size.{0,40}(method|callable|property|\bint\b)|bound method|call(ed|able)"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.ids = {c: i for i, c in enumerate(self.chars)}

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def vocab_size(self):
        return len(self.chars)

    def encode(self, text):
        unknown = set(text) - self.ids.keys()
        if unknown:
            raise ValueError(f"{sorted(unknown)} not in the vocabulary")
        return [self.ids[c] for c in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
