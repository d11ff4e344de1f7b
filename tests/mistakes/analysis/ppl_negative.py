"""exp(-loss): the geometric mean probability of the right token, not the perplexity."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "exp(-loss)"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.float().mean().item()
    return math.exp(-loss)
