"""Sorts the characters alphabetically with key=str.lower, so 'a' and 'A' sit together: a
"dictionary" order, not the code-point order the docstring asks for (all capitals before the
lowercase letters)."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "characters sorted case-insensitively (key=str.lower) instead of by code point"
NAMED_BY = r"sort|order|code[- ]point"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.stoi = {ch: i for i, ch in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text), key=str.lower))

    def encode(self, text):
        missing = sorted(set(text) - self.stoi.keys())
        if missing:
            raise ValueError(f"{', '.join(repr(c) for c in missing)} not in the vocabulary")
        return [self.stoi[ch] for ch in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
