"""embeddings without @property: model.embeddings is a bound method, not a tensor."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "embeddings is a method"


class SkipGram(SkipGram):  # noqa: F821
    def embeddings(self):
        return self.center_emb.weight
