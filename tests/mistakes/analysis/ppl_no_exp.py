"""Returns the mean loss: forgets the exponential."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "the loss itself returned"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().mean().item()
    return float(loss)
