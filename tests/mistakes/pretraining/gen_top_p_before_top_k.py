"""Filters by top_p first, then top_k: the nucleus is measured on the whole vocabulary, not on the k kept tokens."""

EXERCISE = "pretraining.generate"
DIAGNOSIS = "top_p measured before top_k"

import math
import torch
import torch.nn.functional as F


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for _ in range(max_new_tokens):
                context = idx[:, -model.block_size :]  # (B, <= block_size)
                logits, _ = model(context)
                logits = logits[:, -1, :]  # (B, V)
                if temperature == 0:
                    next_id = logits.argmax(dim=-1, keepdim=True)  # (B, 1)
                else:
                    logits = logits / temperature
                    if top_p is not None and top_p < 1.0:
                        ranked, order = torch.sort(logits, dim=-1, descending=True)  # (B, V)
                        probs = F.softmax(ranked, dim=-1)
                        mass_above = probs.cumsum(dim=-1) - probs  # what the higher-ranked tokens hold
                        ranked = ranked.masked_fill(mass_above >= top_p, -math.inf)
                        logits = torch.full_like(logits, -math.inf).scatter(-1, order, ranked)
                    if top_k is not None:
                        kept, where = torch.topk(logits, min(top_k, logits.size(-1)))  # (B, k)
                        logits = torch.full_like(logits, -math.inf).scatter(-1, where, kept)
                    probs = F.softmax(logits, dim=-1)  # (B, V)
                    next_id = torch.multinomial(probs, num_samples=1, generator=generator)  # (B, 1)
                idx = torch.cat([idx, next_id], dim=1)  # (B, T + 1)
    finally:
        model.train(was_training)
    return idx
