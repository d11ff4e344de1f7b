"""Never cuts the text at the special tokens: <|endoftext|> is encoded as ordinary text."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "special token split into ordinary tokens"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def __init__(self, vocab, merges, special_tokens=()):
        super().__init__(vocab, merges, special_tokens)
        self.special_pattern = None  # the text is never cut at the special tokens
