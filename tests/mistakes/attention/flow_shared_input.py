"""One leaf tensor for all three models: its .grad accumulates from model to model."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
DIAGNOSIS = "one input tensor shared by all models"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    rnn = nn.RNN(d, d, batch_first=True)
    gru = nn.GRU(d, d, batch_first=True)
    attention = MultiHeadAttention(d, n_heads=1)
    x = torch.randn(1, T, d, requires_grad=True)
    norms = {}
    for name, model in (("rnn", rnn), ("gru", gru), ("attention", attention)):
        y = model(x)
        if isinstance(y, tuple):
            y = y[0]
        y[0, T - 1].sum().backward()
        norms[name] = x.grad[0].norm(dim=-1).clone()
    return norms
