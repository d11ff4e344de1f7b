"""Subtracts the tied matrix "so it is not counted twice", though parameters() already yields it once."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "the tied matrix left out of the count"


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def num_params(self):
        return sum(p.numel() for p in self.parameters()) - self.lm_head.weight.numel()
