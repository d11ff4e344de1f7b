"""Hands out a clone of E: right values, but training the model no longer moves them."""

EXERCISE = "embeddings.SkipGram"
DIAGNOSIS = "embeddings returns a copy of E"


class SkipGram(SkipGram):  # noqa: F821
    @property
    def embeddings(self):
        return self.center_emb.weight.clone()
