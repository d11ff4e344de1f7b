"""Takes the mean of the last position's output as the loss, which divides every gradient by d."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
DIAGNOSIS = "the loss is the mean of the last position's output"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    rnn = nn.RNN(d, d, batch_first=True)
    gru = nn.GRU(d, d, batch_first=True)
    attention = MultiHeadAttention(d, n_heads=1)  # noqa: F821
    x = torch.randn(1, T, d)
    norms = {}
    for name, model in (("rnn", rnn), ("gru", gru), ("attention", attention)):
        inputs = x.clone().requires_grad_()
        y = model(inputs)
        if isinstance(y, tuple):
            y = y[0]
        y[0, T - 1].mean().backward()
        norms[name] = inputs.grad[0].norm(dim=-1)
    return norms
