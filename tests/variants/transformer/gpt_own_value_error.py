"""A too-long sequence raises the learner's own subclass of ValueError, with its own wording."""

EXERCISE = "transformer.GPT"


class ContextTooLong(ValueError):
    pass


class GPT(GPT):  # noqa: F821 - the solved GPT above this file in the learner's module
    def forward(self, idx, targets=None):
        if idx.size(1) > self.pos_emb.num_embeddings:
            raise ContextTooLong(f"{idx.size(1)} tokens do not fit")
        return super().forward(idx, targets)
