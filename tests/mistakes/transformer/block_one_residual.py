"""Wraps both sublayers in one residual: x + ffn(ln2(attn(ln1(x))))."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "one residual around both sublayers"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        h = self.attn(self.ln1(x))
        return x + self.ffn(self.ln2(h))
