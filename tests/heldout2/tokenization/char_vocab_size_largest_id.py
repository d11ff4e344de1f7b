"""Sets vocab_size to the largest id, len(chars) - 1, confusing "the highest id" with "how many
ids": an off-by-one that makes the model's embedding one row too small."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "vocab_size is len(chars) - 1 (the largest id) instead of the number of characters"
NAMED_BY = r"vocab_size|off[- ]by[- ]one|number of (distinct )?characters|size"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.stoi = {ch: i for i, ch in enumerate(self.chars)}
        self.vocab_size = len(self.chars) - 1

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def encode(self, text):
        missing = sorted(set(text) - self.stoi.keys())
        if missing:
            raise ValueError(f"{', '.join(repr(c) for c in missing)} not in the vocabulary")
        return [self.stoi[ch] for ch in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
