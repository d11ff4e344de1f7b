"""Decodes each token's bytes on its own."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "bytes lost at UTF-8 boundaries"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def decode(self, ids):
        return "".join(self.vocab[i].decode("utf-8", errors="replace") for i in ids)
