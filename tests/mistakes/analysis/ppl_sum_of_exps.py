"""Adds up the per-token exponentials instead of exponentiating the mean."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "sum of per-token exponentials"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        return loss.detach().float().exp().sum().item()
    return math.exp(loss)
