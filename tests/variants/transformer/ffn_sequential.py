"""FeedForward as an nn.Sequential subclass whose children are named fc, act, proj, dropout:
the parameter names stay fc.* and proj.*, forward is Sequential's."""

EXERCISE = "transformer.FeedForward"

from collections import OrderedDict

import torch.nn as nn


class FeedForward(nn.Sequential):
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__(OrderedDict([
            ("fc", nn.Linear(d_model, d_ff)),
            ("act", nn.GELU()),
            ("proj", nn.Linear(d_ff, d_model)),
            ("dropout", nn.Dropout(dropout)),
        ]))
