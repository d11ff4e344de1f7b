"""Returns E.T, one column per word."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "embeddings returns E transposed"


class SkipGram(SkipGram):  # noqa: F821
    @property
    def embeddings(self):
        return self.center_emb.weight.T
