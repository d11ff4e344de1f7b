"""Takes the sum of the per-token losses: the perplexity of the whole text, not per token."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "perplexity from the summed loss"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().sum().item()
    return math.exp(loss)
