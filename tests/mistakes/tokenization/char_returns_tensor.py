"""Returns the ids as a tensor."""

EXERCISE = "tokenization.CharTokenizer"
DIAGNOSIS = "encode returns a tensor"


import torch


class CharTokenizer(CharTokenizer):  # noqa: F821
    def encode(self, text):
        return torch.tensor(super().encode(text))
