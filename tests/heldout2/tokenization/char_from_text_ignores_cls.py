"""from_text is a classmethod but builds CharTokenizer(...) by name instead of cls(...): a subclass
calling from_text gets a plain CharTokenizer back."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "from_text constructs CharTokenizer by name instead of cls, so subclasses get the base class"
NAMED_BY = r"cls|subclass|classmethod|from_text"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.stoi = {ch: i for i, ch in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return CharTokenizer(sorted(set(text)))

    def encode(self, text):
        missing = sorted(set(text) - self.stoi.keys())
        if missing:
            raise ValueError(f"{', '.join(repr(c) for c in missing)} not in the vocabulary")
        return [self.stoi[ch] for ch in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
