"""Raises ValueError("unknown character") without saying which one."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "the ValueError for an unknown character does not name the character"
NAMED_BY = r"name[sd]? (the|it|which)|which character|does not (say|mention|name)|message|naming"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)
        self.ids = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def encode(self, text):
        out = []
        for c in text:
            if c not in self.ids:
                raise ValueError("unknown character in text")
            out.append(self.ids[c])
        return out

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
