"""Builds the GRU before the RNN."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
DIAGNOSIS = "models built in another order"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    gru = nn.GRU(d, d, batch_first=True)
    rnn = nn.RNN(d, d, batch_first=True)
    attention = MultiHeadAttention(d, n_heads=1)  # noqa: F821
    x = torch.randn(1, T, d)
    norms = {}
    for name, model in (("rnn", rnn), ("gru", gru), ("attention", attention)):
        inputs = x.clone().requires_grad_()
        y = model(inputs)
        if isinstance(y, tuple):
            y = y[0]
        y[0, T - 1].sum().backward()
        norms[name] = inputs.grad[0].norm(dim=-1)
    return norms
