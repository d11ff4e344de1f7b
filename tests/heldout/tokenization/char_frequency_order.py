"""Numbers the characters by frequency, the most common first, like a word vocabulary."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "ids ordered by frequency instead of code-point (sorted) order"
NAMED_BY = r"sort\w*|code.?point|frequen\w*|order of (first|appearance)|most common"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.ids = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        from collections import Counter

        return cls([c for c, _ in Counter(text).most_common()])

    def encode(self, text):
        unknown = set(text) - self.ids.keys()
        if unknown:
            raise ValueError(f"{sorted(unknown)} not in the vocabulary")
        return [self.ids[c] for c in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
