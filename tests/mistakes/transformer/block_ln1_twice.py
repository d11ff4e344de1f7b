"""Normalises with ln1 before both sublayers; ln2 is created and never used."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "ln1 used before the feed-forward too: each sublayer has its own LayerNorm (ln2 for ffn)"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        x = x + self.ffn(self.ln1(x))
        return x
