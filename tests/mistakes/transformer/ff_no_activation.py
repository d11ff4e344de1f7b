"""Forgets the activation: two Linears in a row are one linear map."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "no activation between the two Linears: together they are one linear map"


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def forward(self, x):
        return self.dropout(self.proj(self.fc(x)))
