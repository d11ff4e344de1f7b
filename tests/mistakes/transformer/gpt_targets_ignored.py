"""Never computes the loss: forward takes targets but always returns (logits, None)."""

EXERCISE = "transformer.GPT"
DIAGNOSIS = "targets ignored"


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        logits, _ = super().forward(idx)
        return logits, None
