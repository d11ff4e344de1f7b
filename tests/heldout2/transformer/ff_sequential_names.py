"""Wraps the MLP in one nn.Sequential (self.net), as many tutorials do: the maths is right, but the
parameters are named net.0 / net.2 instead of fc and proj, so the reference's weights cannot be
loaded into it."""

EXERCISE = "transformer.FeedForward"
MISCONCEPTION = "layers inside an nn.Sequential (net.0, net.2) instead of the attributes fc, proj, dropout"
NAMED_BY = r"names?|nn\.Sequential|net\.0|state_dict keys?|attributes?"

import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_model, d_ff),
            nn.GELU(),
            nn.Linear(d_ff, d_model),
            nn.Dropout(dropout),
        )

    def forward(self, x):
        return self.net(x)
