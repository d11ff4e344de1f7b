"""Takes log(softmax + 1e-9) to avoid log(0)."""

EXERCISE = "pretraining.cross_entropy"
MISCONCEPTION = "the epsilon caps each row's loss near -log(1e-9) = 20.7: a confidently wrong prediction (logits 1e4) is scored far too low; not log-sum-exp"
NAMED_BY = r"eps\w*|1e-9|log of (the )?(softmax|probabilit)|log\(softmax|log.?sum.?exp|\bcap\w*|saturat"

import torch


def cross_entropy(logits, targets):
    z = logits.float()
    m = z.max(dim=-1, keepdim=True).values
    e = torch.exp(z - m)
    probs = e / e.sum(dim=-1, keepdim=True)
    true_prob = probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return -torch.log(true_prob + 1e-9).mean()
