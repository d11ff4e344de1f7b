"""Numbers the characters by how often they occur, the most frequent first."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "characters numbered by frequency"

from collections import Counter


class CharTokenizer(CharTokenizer):  # noqa: F821
    @classmethod
    def from_text(cls, text):
        return cls([char for char, _ in Counter(text).most_common()])
