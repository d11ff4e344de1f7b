"""Takes the cumulative probability in vocabulary order, without sorting the tokens first."""

EXERCISE = "pretraining.generate"
MISCONCEPTION = 'nucleus filtering accumulates probability in token-id order instead of from the most probable token down'
NAMED_BY = r"sort\w*|descending|most (probable|likely)|(vocabulary|id) order|rank\w*"

import math

import torch
import torch.nn.functional as F


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for _ in range(max_new_tokens):
                context = idx[:, -model.block_size :]
                logits, _ = model(context)
                logits = logits[:, -1, :]
                if temperature == 0:
                    next_id = logits.argmax(dim=-1, keepdim=True)
                else:
                    logits = logits / temperature
                    if top_k is not None:
                        kept, where = torch.topk(logits, min(top_k, logits.size(-1)))
                        logits = torch.full_like(logits, -math.inf).scatter(-1, where, kept)
                    if top_p is not None and top_p < 1.0:
                        probs = F.softmax(logits, dim=-1)
                        mass_above = probs.cumsum(dim=-1) - probs
                        logits = logits.masked_fill(mass_above >= top_p, -math.inf)
                    probs = F.softmax(logits, dim=-1)
                    next_id = torch.multinomial(probs, num_samples=1, generator=generator)
                idx = torch.cat([idx, next_id], dim=1)
    finally:
        model.train(was_training)
    return idx
