"""Converts the tensor with .numpy(), which refuses a tensor that requires grad."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "a tensor that requires grad raises"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = float(loss.float().numpy().mean())
    return math.exp(loss)
