"""Counts the parameter tensors, len(list(self.parameters())), instead of their elements."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "parameter tensors counted, not their elements"


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def num_params(self):
        return len(list(self.parameters()))
