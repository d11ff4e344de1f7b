"""Raises 10 to the loss, as if the loss were a decimal logarithm."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "10 ** loss"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().mean().item()
    return 10 ** loss
