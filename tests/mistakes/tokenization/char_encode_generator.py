"""encode returns a generator of ids instead of a list."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "encode returns a generator"


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        unknown = set(text) - self.ids.keys()
        if unknown:
            raise ValueError(f"{''.join(sorted(unknown))!r} is not in the vocabulary")
        return (self.ids[char] for char in text)
