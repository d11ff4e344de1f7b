"""Skips characters it does not know."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "unknown characters silently dropped"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        return [self.ids[char] for char in text if char in self.ids]
