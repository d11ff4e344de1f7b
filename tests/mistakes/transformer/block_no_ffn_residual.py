"""Returns the feed-forward output alone, dropping the residual stream."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "feed-forward's residual missing: x = x + ffn(ln2(x))"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return self.ffn(self.ln2(x))
