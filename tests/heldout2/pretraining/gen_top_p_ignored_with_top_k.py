"""Writes the two filters as if top_k ... elif top_p ..., treating them as alternatives: when both
are given, top_p is silently ignored and only the k largest logits are kept."""

EXERCISE = "pretraining.generate"
MISCONCEPTION = "top_p ignored when top_k is also given (elif instead of applying both filters)"
NAMED_BY = r"top[-_ ]?p|nucleus|both|together|combined"

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
                    elif top_p is not None and top_p < 1.0:
                        sorted_logits, order = logits.sort(dim=-1, descending=True)
                        probs = F.softmax(sorted_logits, dim=-1)
                        above = probs.cumsum(dim=-1) - probs
                        sorted_logits = sorted_logits.masked_fill(above >= top_p, float("-inf"))
                        logits = torch.full_like(logits, float("-inf")).scatter(-1, order, sorted_logits)
                    next_id = torch.multinomial(F.softmax(logits, dim=-1), num_samples=1, generator=generator)
                idx = torch.cat([idx, next_id], dim=1)
    finally:
        model.train(was_training)
    return idx
