"""decode reads the bytes as Latin-1, one character per byte."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "decoded as Latin-1"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def decode(self, ids):
        return b"".join(self.vocab[i] for i in ids).decode("latin-1")
