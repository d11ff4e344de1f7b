"""Strips the text before encoding, to drop a trailing newline."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "encode strips leading/trailing whitespace: not one id per character, and whitespace-only text encodes to []"
NAMED_BY = r"strip|whitespace|newline|leading|trailing|one id per character"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.ids = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def encode(self, text):
        text = text.strip()
        unknown = set(text) - self.ids.keys()
        if unknown:
            raise ValueError(f"{sorted(unknown)} not in the vocabulary")
        return [self.ids[c] for c in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
