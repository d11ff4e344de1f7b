"""Takes the loss at position 0, the first output, instead of the last."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"
DIAGNOSIS = "loss at the first position instead of the last"

import torch
import torch.nn as nn


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    models = {"rnn": nn.RNN(d, d, batch_first=True), "gru": nn.GRU(d, d, batch_first=True),
              "attention": MultiHeadAttention(d, n_heads=1)}
    x = torch.randn(1, T, d)
    norms = {}
    for name, model in models.items():
        inputs = x.clone().requires_grad_()
        out = model(inputs)
        y = out[0] if isinstance(out, tuple) else out
        y[0, 0].sum().backward()
        norms[name] = inputs.grad[0].norm(dim=-1)
    return norms
