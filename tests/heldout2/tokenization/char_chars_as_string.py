"""from_text joins the sorted characters into one string ("".join(sorted(set(text)))) and the
tokenizer keeps it as is: indexing and len still work, but tok.chars is 'ehlo', not the list
['e', 'h', 'l', 'o']."""

EXERCISE = "tokenization.CharTokenizer"
MISCONCEPTION = "chars kept as a string instead of a list of characters"
NAMED_BY = r"\bchars\b.*\b(str|string|list)\b|\blist\b|\bstring\b|type"


class CharTokenizer:
    def __init__(self, chars):
        self.chars = chars
        self.stoi = {ch: i for i, ch in enumerate(chars)}
        self.vocab_size = len(chars)

    @classmethod
    def from_text(cls, text):
        return cls("".join(sorted(set(text))))

    def encode(self, text):
        missing = sorted(set(text) - self.stoi.keys())
        if missing:
            raise ValueError(f"{', '.join(repr(c) for c in missing)} not in the vocabulary")
        return [self.stoi[ch] for ch in text]

    def decode(self, ids):
        return "".join(self.chars[i] for i in ids)
