"""Draws the input before building the models, so every seeded weight differs."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
DIAGNOSIS = "x drawn before the models"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    x = torch.randn(1, T, d)
    models = {"rnn": nn.RNN(d, d, batch_first=True), "gru": nn.GRU(d, d, batch_first=True),
              "attention": MultiHeadAttention(d, n_heads=1)}
    norms = {}
    for name, model in models.items():
        inputs = x.clone().requires_grad_()
        y = model(inputs)
        y = y[0] if isinstance(y, tuple) else y
        y[0, T - 1].sum().backward()
        norms[name] = inputs.grad[0].norm(dim=-1)
    return norms
