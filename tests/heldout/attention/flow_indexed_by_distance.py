"""Flips the norms so that entry i is the distance i back from the last output."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "the result is indexed by distance (reversed) instead of by position t"
NAMED_BY = r"revers|flip|indexed by distance|distance instead|backwards|order of (the )?positions"

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
        norms[name] = inputs.grad[0].norm(dim=-1).flip(0)
    return norms
