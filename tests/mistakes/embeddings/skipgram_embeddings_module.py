"""Returns the nn.Embedding module instead of its weight."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "embeddings returns the nn.Embedding module"


class SkipGram(SkipGram):  # noqa: F821
    @property
    def embeddings(self):
        return self.center_emb
