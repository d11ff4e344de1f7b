"""Keeps the top k logits first and divides by the temperature afterwards: dividing by a positive number
keeps the order, so the same k tokens survive and -inf / temperature stays -inf; top_p then sees the
tempered row, as the contract asks. Same tokens as the reference."""

EXERCISE = "pretraining.generate"

import torch
import torch.nn.functional as F


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for _ in range(max_new_tokens):
                logits = model(idx[:, -model.block_size:])[0][:, -1, :]
                if temperature == 0:
                    next_id = logits.argmax(dim=-1, keepdim=True)
                else:
                    if top_k is not None:
                        kept, where = torch.topk(logits, min(top_k, logits.size(-1)))
                        logits = torch.full_like(logits, float("-inf")).scatter(-1, where, kept)
                    logits = logits / temperature
                    if top_p is not None and top_p < 1.0:
                        ranked, order = torch.sort(logits, dim=-1, descending=True)
                        probs = F.softmax(ranked, dim=-1)
                        ranked = ranked.masked_fill(probs.cumsum(-1) - probs >= top_p, float("-inf"))
                        logits = torch.full_like(logits, float("-inf")).scatter(-1, order, ranked)
                    next_id = torch.multinomial(F.softmax(logits, dim=-1), 1, generator=generator)
                idx = torch.cat([idx, next_id], dim=1)
    finally:
        model.train(was_training)
    return idx
