"""Takes the log of softmax probabilities: a probability that underflows gives -inf."""

EXERCISE = "pretraining.cross_entropy"
DIAGNOSIS = "log of softmax probabilities"

import torch


def cross_entropy(logits, targets):
    probs = torch.softmax(logits, dim=-1)
    return -torch.log(probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)).mean()
