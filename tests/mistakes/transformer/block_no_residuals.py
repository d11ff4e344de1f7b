"""Chains the sublayers with no residual connection at all."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "no residual connections: x = x + attn(ln1(x)), then x = x + ffn(ln2(x))"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        return self.ffn(self.ln2(self.attn(self.ln1(x))))
