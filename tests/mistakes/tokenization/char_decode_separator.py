"""Joins the decoded characters with spaces."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "decode joins the characters with a separator"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def decode(self, ids):
        return " ".join(self.chars[i] for i in ids)
