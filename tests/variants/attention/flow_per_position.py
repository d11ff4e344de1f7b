"""A list of (name, model) pairs and the norm of every position taken in a Python loop."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    models = [
        ("rnn", nn.RNN(input_size=d, hidden_size=d, batch_first=True)),
        ("gru", nn.GRU(input_size=d, hidden_size=d, batch_first=True)),
        ("attention", MultiHeadAttention(d_model=d, n_heads=1)),
    ]
    x = torch.randn(1, T, d)
    result = {}
    for name, model in models:
        leaf = x.clone()
        leaf.requires_grad = True
        out = model(leaf)
        if isinstance(out, tuple):
            out, _hidden = out
        last = out[:, -1, :]  # the output at position T - 1
        last.sum().backward()
        result[name] = torch.stack([leaf.grad[0, t].norm() for t in range(T)])
    return result
