"""Sorts the characters in __init__ too, so CharTokenizer(chars) does not keep the order it was given."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "CharTokenizer(chars) sorts the list again"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def __init__(self, chars):
        super().__init__(sorted(chars))  # from_text sorts already; a given list keeps its order
