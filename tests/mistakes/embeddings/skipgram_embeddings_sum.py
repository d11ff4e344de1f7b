"""Adds the two tables, as some Word2Vec write-ups suggest."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "embeddings returns E + W"


class SkipGram(SkipGram):  # noqa: F821
    @property
    def embeddings(self):
        return self.center_emb.weight + self.context_emb.weight
