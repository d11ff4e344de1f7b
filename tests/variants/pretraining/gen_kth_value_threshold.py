"""nanoGPT's top-k: every logit below the k-th largest set to -inf (the same k tokens when no
two logits tie); the mode restored by a context manager; greedy by torch.max."""

EXERCISE = "pretraining.generate"

from contextlib import contextmanager

import torch
import torch.nn.functional as F


@contextmanager
def _evaluating(model):
    was_training = model.training
    model.eval()
    try:
        yield
    finally:
        model.train(was_training)


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    with _evaluating(model), torch.no_grad():
        for _ in range(max_new_tokens):
            logits = model(idx[:, -model.block_size:])[0][:, -1, :]
            if temperature == 0:
                next_id = torch.max(logits, dim=-1, keepdim=True).indices
            else:
                logits = logits / temperature
                if top_k is not None:
                    kth = torch.topk(logits, min(top_k, logits.size(-1))).values[:, [-1]]  # (B, 1)
                    logits = logits.masked_fill(logits < kth, float("-inf"))
                if top_p is not None and top_p < 1.0:
                    ranked, order = torch.sort(logits, dim=-1, descending=True)
                    probs = F.softmax(ranked, dim=-1)
                    drop = probs.cumsum(-1) - probs >= top_p
                    logits = logits.scatter(-1, order, ranked.masked_fill(drop, float("-inf")))
                next_id = torch.multinomial(F.softmax(logits, dim=-1), 1, generator=generator)
            idx = torch.cat((idx, next_id), dim=1)
    return idx
