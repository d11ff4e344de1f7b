"""Uses ln2 before attention and ln1 before the feed-forward."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "ln1 and ln2 swapped"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        x = x + self.attn(self.ln2(x))
        x = x + self.ffn(self.ln1(x))
        return x
