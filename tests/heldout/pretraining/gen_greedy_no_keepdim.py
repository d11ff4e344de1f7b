"""Takes argmax(-1) for greedy decoding and concatenates it, a (B,) tensor, onto idx."""

EXERCISE = "pretraining.generate"
MISCONCEPTION = 'greedy argmax without keepdim gives shape (B,), which cannot be concatenated to (B, T) along dim 1'
NAMED_BY = r"keepdim|\(B, 1\)|\(B,\)|number of dimensions|unsqueeze"

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
                    next_id = logits.argmax(dim=-1)
                else:
                    logits = logits / temperature
                    if top_k is not None:
                        kept, where = torch.topk(logits, min(top_k, logits.size(-1)))
                        logits = torch.full_like(logits, -math.inf).scatter(-1, where, kept)
                    if top_p is not None and top_p < 1.0:
                        ranked, order = torch.sort(logits, dim=-1, descending=True)
                        probs = F.softmax(ranked, dim=-1)
                        mass_above = probs.cumsum(dim=-1) - probs
                        ranked = ranked.masked_fill(mass_above >= top_p, -math.inf)
                        logits = torch.full_like(logits, -math.inf).scatter(-1, order, ranked)
                    probs = F.softmax(logits, dim=-1)
                    next_id = torch.multinomial(probs, num_samples=1, generator=generator)
                idx = torch.cat([idx, next_id], dim=1)
    finally:
        model.train(was_training)
    return idx
