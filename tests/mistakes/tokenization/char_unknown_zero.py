"""Maps an unknown character to id 0, a real character's id."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "unknown characters silently mapped to a real character's id"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        return [self.ids.get(char, 0) for char in text]
