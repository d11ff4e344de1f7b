"""Builds nn.RNN(d, d) and nn.GRU(d, d) without batch_first=True: the (1, T, d) input is read as a
sequence of length 1 with a batch of T, so there is no recurrence at all and only position T - 1
gets a gradient."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "RNN and GRU built without batch_first=True, so the input is read as T sequences of length 1"
NAMED_BY = r"batch_first|recurren|sequence (length|of length)|time axis"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    rnn = nn.RNN(d, d)
    gru = nn.GRU(d, d)
    attention = MultiHeadAttention(d, n_heads=1)  # noqa: F821
    x = torch.randn(1, T, d)
    result = {}
    for name, model in (("rnn", rnn), ("gru", gru), ("attention", attention)):
        inputs = x.clone().requires_grad_()
        y = model(inputs)
        if isinstance(y, tuple):
            y = y[0]
        y[0, T - 1].sum().backward()
        result[name] = inputs.grad[0].norm(dim=-1)
    return result
