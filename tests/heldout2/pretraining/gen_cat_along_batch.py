"""Appends the new tokens with torch.cat([idx, next_id], dim=0), the batch axis, instead of dim=1,
the time axis: a dim slip that raises for any prompt longer than one token."""

EXERCISE = "pretraining.generate"
MISCONCEPTION = "appends the sampled tokens along dim 0 (batch) instead of dim 1 (time)"
NAMED_BY = r"torch\.cat|dim ?=? ?[01]|batch axis|time axis|along dim|Sizes of tensors must match"

import torch
import torch.nn.functional as F


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for _ in range(max_new_tokens):
                context = idx[:, -model.block_size:]
                logits = model(context)[0][:, -1, :]
                if temperature == 0:
                    next_id = logits.argmax(dim=-1, keepdim=True)
                else:
                    logits = logits / temperature
                    if top_k is not None:
                        k = min(top_k, logits.size(-1))
                        values, indices = torch.topk(logits, k, dim=-1)
                        logits = torch.full_like(logits, float("-inf")).scatter(-1, indices, values)
                    if top_p is not None and top_p < 1.0:
                        sorted_logits, order = logits.sort(dim=-1, descending=True)
                        probs = F.softmax(sorted_logits, dim=-1)
                        above = probs.cumsum(dim=-1) - probs
                        sorted_logits = sorted_logits.masked_fill(above >= top_p, float("-inf"))
                        logits = torch.full_like(logits, float("-inf")).scatter(-1, order, sorted_logits)
                    next_id = torch.multinomial(F.softmax(logits, dim=-1), num_samples=1, generator=generator)
                idx = torch.cat([idx, next_id], dim=0)
    finally:
        model.train(was_training)
    return idx
