"""Numbers the characters in the order they first appear instead of sorting them."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "characters numbered in the order they first appear"


class CharTokenizer(CharTokenizer):  # noqa: F821 - the solved class above this file in the learner's module
    @classmethod
    def from_text(cls, text):
        return cls(list(dict.fromkeys(text)))  # first appearance, not sorted
