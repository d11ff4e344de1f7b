"""Writes the loss as y[..., -1].sum(), reaching for the Ellipsis to mean "the last position": it
takes the last feature of every position instead of every feature of the last position."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "loss y[..., -1].sum() (last feature at every position) instead of y[0, T - 1].sum() (last position)"
NAMED_BY = r"last (output|position)|y\[0, ?T ?- ?1\]|loss|feature"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    rnn = nn.RNN(d, d, batch_first=True)
    gru = nn.GRU(d, d, batch_first=True)
    attention = MultiHeadAttention(d, n_heads=1)  # noqa: F821
    x = torch.randn(1, T, d)
    result = {}
    for name, model in (("rnn", rnn), ("gru", gru), ("attention", attention)):
        inputs = x.clone().requires_grad_()
        y = model(inputs)
        if isinstance(y, tuple):
            y = y[0]
        y[..., -1].sum().backward()
        result[name] = inputs.grad[0].norm(dim=-1)
    return result
