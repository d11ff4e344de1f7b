"""Returns the pair in the other order, (loss, logits)."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "forward returns (loss, logits)"


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, loss = super().forward(idx, targets)
        return loss, logits
