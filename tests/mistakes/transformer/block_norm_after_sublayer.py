"""Normalises each sublayer's output before adding it, x + ln(f(x)), instead of its input."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "LayerNorm applied to the sublayer's output (x + ln(sublayer(x)))"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        x = x + self.ln1(self.attn(x))
        x = x + self.ln2(self.ffn(x))
        return x
