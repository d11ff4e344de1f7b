"""Maps an unknown character to -1 instead of raising."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "unknown characters silently mapped to -1"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        return [self.ids.get(char, -1) for char in text]
