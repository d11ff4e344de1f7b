"""Always widens to 4 * d_model, the usual d_ff, whatever d_ff is passed."""

EXERCISE = "transformer.FeedForward"
DIAGNOSIS = "d_ff ignored: the hidden width is 4 * d_model whatever d_ff says"


class FeedForward(FeedForward):  # noqa: F821 - the solved FeedForward above this file in the learner's module
    def __init__(self, d_model, d_ff, dropout=0.0):
        super().__init__(d_model, 4 * d_model, dropout)
