"""Returns the count as a tensor (torch.stack(...).sum()), where the docstring promises an int."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "returned a Tensor, expected an int"

import torch


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def num_params(self):
        return torch.stack([torch.tensor(p.numel()) for p in self.parameters()]).sum()
