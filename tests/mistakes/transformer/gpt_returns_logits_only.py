"""Returns the bare logits when there are no targets."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "forward returns only the logits, not (logits, loss)"


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, loss = super().forward(idx, targets)
        if targets is None:
            return logits
        return logits, loss
