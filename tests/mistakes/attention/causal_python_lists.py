"""Builds the pattern with Python lists and forgets to make it a tensor."""

EXERCISE = "attention.causal_mask"
DIAGNOSIS = "should be a torch.Tensor, got list"


def causal_mask(T, device=None):
    return [[col <= row for col in range(T)] for row in range(T)]
