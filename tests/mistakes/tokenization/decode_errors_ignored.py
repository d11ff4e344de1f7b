"""decode drops the bytes that are not valid UTF-8 (errors="ignore") instead of replacing them."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "errors=\"ignore\""


class BPETokenizer(BPETokenizer):  # noqa: F821
    def decode(self, ids):
        return b"".join(self.vocab[i] for i in ids).decode("utf-8", errors="ignore")
