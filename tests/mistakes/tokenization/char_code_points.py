"""Uses each character's code point as its id, ignoring the vocabulary."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "ids are the characters' code points"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        unknown = set(text) - self.ids.keys()
        if unknown:
            raise ValueError(f"{''.join(sorted(unknown))!r} is not in the vocabulary")
        return [ord(char) for char in text]

    def decode(self, ids):
        return "".join(chr(i) for i in ids)
