"""decode returns the joined bytes without decoding them."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "decode returns bytes"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def decode(self, ids):
        return b"".join(self.vocab[i] for i in ids)
