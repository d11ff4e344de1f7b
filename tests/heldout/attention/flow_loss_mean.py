"""Takes the loss as the mean of the last output instead of its sum."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "L = y[0, T-1].mean() instead of .sum(): every gradient is divided by d"
NAMED_BY = r"\.mean\(\)|mean instead of (the )?sum|divided by d\b|factor of d\b|1 ?/ ?d\b|sum of the last|mean of the last position"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    models = {
        "rnn": nn.RNN(d, d, batch_first=True),
        "gru": nn.GRU(d, d, batch_first=True),
        "attention": MultiHeadAttention(d, n_heads=1),
    }
    x = torch.randn(1, T, d)
    norms = {}
    for name, model in models.items():
        inputs = x.clone().requires_grad_()
        y = model(inputs)
        y = y[0] if isinstance(y, tuple) else y
        y[0, T - 1].mean().backward()
        norms[name] = inputs.grad[0].norm(dim=-1)
    return norms
