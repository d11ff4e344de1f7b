"""Hands out the context table W as the embeddings."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "embeddings returns the context table W"


class SkipGram(SkipGram):  # noqa: F821
    @property
    def embeddings(self):
        return self.context_emb.weight
