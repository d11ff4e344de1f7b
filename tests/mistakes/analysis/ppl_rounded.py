"""Rounds to two decimals, as the docstring's examples show 6.55."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "rounded to 2 decimals"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().mean().item()
    return round(math.exp(loss), 2)
