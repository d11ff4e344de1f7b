"""Returns (y, weights) like nn.MultiheadAttention does, not y alone."""

EXERCISE = "attention.MultiHeadAttention"
DIAGNOSIS = "should be a torch.Tensor, got tuple"


class MultiHeadAttention(MultiHeadAttention):  # noqa: F821 - the solved one above this file in the learner's module
    def forward(self, x):
        y = super().forward(x)
        return y, self.last_attention  # (y, weights), as nn.MultiheadAttention returns
