"""Sorts the text's characters without taking the distinct ones first."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "vocab_size counts every character of the text"


class CharTokenizer(CharTokenizer):  # noqa: F821
    @classmethod
    def from_text(cls, text):
        return cls(sorted(text))  # sorted(set(text)) was meant
