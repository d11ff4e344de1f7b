"""Converts each row of norms to a Python list, ready for plotting."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "returns lists of floats instead of tensors of shape (T,)"
NAMED_BY = r"should be a (torch\.)?tensor|got list|\blists?\b"

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
        norms[name] = inputs.grad[0].norm(dim=-1).tolist()
    return norms
