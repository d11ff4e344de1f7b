"""Builds the attention with two heads (MultiHeadAttention(d, n_heads=2): "multi-head, after all"),
thinking the number of heads does not matter for this measurement: the parameter draws are the same
size, but the gradients differ from the one-head layer the docstring names."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "attention built with 2 heads instead of n_heads=1"
NAMED_BY = r"head|n_heads"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    rnn = nn.RNN(d, d, batch_first=True)
    gru = nn.GRU(d, d, batch_first=True)
    attention = MultiHeadAttention(d, n_heads=2)  # noqa: F821
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
