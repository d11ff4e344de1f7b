"""Raises 2 to the loss, as if it were in bits."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "2 ** loss"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().mean().item()
    return 2 ** loss
