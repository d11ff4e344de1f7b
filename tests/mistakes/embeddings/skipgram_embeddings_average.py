"""Averages the two tables."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "embeddings returns (E + W) / 2"


class SkipGram(SkipGram):  # noqa: F821
    @property
    def embeddings(self):
        return (self.center_emb.weight + self.context_emb.weight) / 2
