"""Lowercases the text in from_text and encode to keep the vocabulary small."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "normalises case: capitals are merged with lower case, so decode(encode(s)) loses them and the vocabulary is wrong"
NAMED_BY = r"lower.?cas|\bcase\b|capital|normali[sz]"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.ids = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text.lower())))

    def encode(self, text):
        text = text.lower()
        unknown = set(text) - self.ids.keys()
        if unknown:
            raise ValueError(f"{sorted(unknown)} not in the vocabulary")
        return [self.ids[c] for c in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
