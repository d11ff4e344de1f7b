"""Counts the entries of the state dict, where the tied matrix appears twice."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "tied matrix counted twice: sum over self.parameters(), which yields a shared Parameter once"


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def num_params(self):
        return sum(p.numel() for p in self.state_dict().values())
