"""torch.exp of the mean: a tensor where a float is expected."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "returns a tensor"


def perplexity(loss):
    return torch.exp(torch.as_tensor(loss, dtype=torch.float32).mean())
