"""The ValueError lists every unknown character, in its own words; vocab_size a property; the ids
looked up with dict.__getitem__ through map."""

EXERCISE = "tokenization.CharTokenizer"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.lookup = {char: position for position, char in enumerate(self.chars)}

    @classmethod
    def from_text(cls, text):
        return cls(sorted(frozenset(text)))

    @property
    def vocab_size(self):
        return len(self.lookup)

    def encode(self, text):
        missing = [char for char in dict.fromkeys(text) if char not in self.lookup]
        if missing:
            raise ValueError("cannot encode characters outside the vocabulary: " + ", ".join(map(repr, missing)))
        return list(map(self.lookup.__getitem__, text))

    def decode(self, ids):
        return "".join([self.chars[i] for i in ids])
