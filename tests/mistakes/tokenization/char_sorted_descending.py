"""Sorts the distinct characters in reverse code-point order."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "characters sorted in reverse"


class CharTokenizer(CharTokenizer):  # noqa: F821
    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text), reverse=True))
