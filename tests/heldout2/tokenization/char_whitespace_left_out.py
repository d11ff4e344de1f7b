"""Leaves whitespace out of the vocabulary (set(text) - set(" \n\t")), treating spaces and newlines
as separators rather than characters: any text with a space or line break can no longer be
encoded."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "whitespace characters are left out of the vocabulary"
NAMED_BY = r"whitespace|space|newline|distinct characters|every character|not in the vocabulary"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.stoi = {ch: i for i, ch in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text) - set(" \n\t")))

    def encode(self, text):
        missing = sorted(set(text) - self.stoi.keys())
        if missing:
            raise ValueError(f"{', '.join(repr(c) for c in missing)} not in the vocabulary")
        return [self.stoi[ch] for ch in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
