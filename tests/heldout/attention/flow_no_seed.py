"""Forgets torch.manual_seed(seed): the models and the input are different on every call."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
MISCONCEPTION = "seed never set: weights and x are drawn from the global RNG, so results are not reproducible and seed is ignored"
NAMED_BY = r"manual_seed|not seeded|seed (is )?(never|not) set|without (a |the )?seed|reproduc|global (rng|random)"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
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
        norms[name] = inputs.grad[0].norm(dim=-1)
    return norms
