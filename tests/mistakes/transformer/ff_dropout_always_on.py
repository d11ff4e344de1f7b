"""Applies dropout with F.dropout(x, p), whose training flag defaults to True."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "dropout applied in eval mode too: use nn.Dropout, which follows self.training"

import torch.nn.functional as F


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return F.dropout(self.proj(F.gelu(self.fc(x))), self.dropout.p)  # training=True unless told
