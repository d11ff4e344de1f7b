"""Exponentiates each token's loss and averages: dominated by the worst tokens."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "mean of per-token exponentials"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        return loss.double().exp().mean().item()
    return math.exp(loss)
