"""Feeds the feed-forward attention's output alone instead of the updated stream."""

EXERCISE = "transformer.Block"
DIAGNOSIS = "the feed-forward reads attention's output alone, not the stream"


class Block(Block):  # noqa: F821 - the solved Block above this file in the learner's module
    def forward(self, x):
        h = self.attn(self.ln1(x))
        x = x + h
        return x + self.ffn(self.ln2(h))
