"""Takes the mean as sum / len(loss): right for a 1-D tensor, B times too big for a (B, T) one."""

EXERCISE = "analysis.perplexity"
DIAGNOSIS = "divided by len(loss), the number of rows"


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        if loss.dim() == 0:
            loss = loss.item()
        else:
            loss = loss.detach().float().sum().item() / len(loss)
    return math.exp(loss)
