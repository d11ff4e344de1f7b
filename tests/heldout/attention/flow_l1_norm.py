"""Measures each position's gradient by the sum of absolute values instead of the L2 norm."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "gradient size per position is the L1 norm (sum of |g|) instead of the Euclidean norm"
NAMED_BY = r"\bL1\b|\bL2\b|absolute|abs\(|euclid|norm\(dim"

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
        y[0, T - 1].sum().backward()
        norms[name] = inputs.grad[0].abs().sum(dim=-1)
    return norms
