"""Builds the vocabulary from the text's UTF-8 bytes, so a non-ASCII character becomes several tokens."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "tokens are bytes, not characters: non-ASCII characters get several ids and decode of single ids can fail"
NAMED_BY = r"\bbytes?\b|utf-?8|non.?ascii|one id per character|unicode"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.ids = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text.encode("utf-8"))))

    def encode(self, text):
        data = text.encode("utf-8")
        unknown = set(data) - self.ids.keys()
        if unknown:
            raise ValueError(f"{bytes(sorted(unknown))!r} not in the vocabulary")
        return [self.ids[b] for b in data]

    def decode(self, ids):
        return bytes(self.chars[i] for i in ids).decode("utf-8", errors="replace")
