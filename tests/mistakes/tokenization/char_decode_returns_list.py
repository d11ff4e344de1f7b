"""decode returns the list of characters, not the joined string."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "decode returns a list of characters"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def decode(self, ids):
        return [self.chars[i] for i in ids]
