"""torch.autograd.grad instead of backward, and each model written out separately."""

EXERCISE = "attention.rnn_vs_attention_gradient_flow"

import torch
import torch.nn as nn


def _last_output_gradient_norms(forward, x, T):
    inputs = x.detach().clone().requires_grad_(True)
    y = forward(inputs)
    (grad,) = torch.autograd.grad(y[0, T - 1].sum(), inputs)
    return torch.linalg.vector_norm(grad[0], dim=-1)


def rnn_vs_attention_gradient_flow(T, d, seed=0):
    torch.manual_seed(seed)
    rnn = nn.RNN(d, d, batch_first=True)
    gru = nn.GRU(d, d, batch_first=True)
    attention = MultiHeadAttention(d, 1)
    x = torch.randn(1, T, d)
    return {
        "attention": _last_output_gradient_norms(attention, x, T),
        "rnn": _last_output_gradient_norms(lambda inp: rnn(inp)[0], x, T),
        "gru": _last_output_gradient_norms(lambda inp: gru(inp)[0], x, T),
    }
