"""Raises a ValueError for an unknown character, but the message does not say which one."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "the ValueError does not say which character"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        if any(char not in self.ids for char in text):
            raise ValueError("text holds a character outside the vocabulary")
        return [self.ids[char] for char in text]
