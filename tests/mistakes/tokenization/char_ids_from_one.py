"""Keeps id 0 free: the first character gets id 1."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "ids start at 1"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        return [i + 1 for i in super().encode(text)]
