"""Replaces the stream with the attention output instead of adding to it."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "attention's residual missing: x = x + attn(ln1(x))"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        x = self.attn(self.ln1(x))
        x = x + self.ffn(self.ln2(x))
        return x
