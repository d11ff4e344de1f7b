"""Subtracts the position embeddings, as nanoGPT's num_params(non_embedding=True) does."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "position embeddings left out of the count (nanoGPT's non_embedding=True)"


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def num_params(self):
        return sum(p.numel() for p in self.parameters()) - self.pos_emb.weight.numel()
