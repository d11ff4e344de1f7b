"""Looks ids up with chars.index instead of a dict, checks unknown characters one by one and keeps
vocab_size as a property: slower, the same answers."""

EXERCISE = "tokenization.CharTokenizer"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = list(chars)

    @property
    def vocab_size(self):
        return len(self.chars)

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def encode(self, text):
        ids = []
        for char in text:
            if char not in self.chars:
                raise ValueError(f"character {char!r} is not in the vocabulary")
            ids.append(self.chars.index(char))
        return ids

    def decode(self, ids):
        return "".join(map(self.chars.__getitem__, ids))
