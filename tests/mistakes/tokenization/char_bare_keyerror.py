"""Lets the dict lookup raise a KeyError for an unknown character."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "a bare KeyError from the dict lookup"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        return [self.ids[char] for char in text]
