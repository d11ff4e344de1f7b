"""Runs the feed-forward sublayer before attention."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "feed-forward before attention: attention comes first"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        x = x + self.ffn(self.ln2(x))
        x = x + self.attn(self.ln1(x))
        return x
