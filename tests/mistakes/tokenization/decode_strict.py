"""Decodes with errors='strict', which raises on half a character."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "decode is strict"


class BPETokenizer(BPETokenizer):  # noqa: F821
    def decode(self, ids):
        return b"".join(self.vocab[i] for i in ids).decode("utf-8")
