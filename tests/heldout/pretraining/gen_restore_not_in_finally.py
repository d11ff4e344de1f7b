"""Restores the model's mode after the loop, but not in a finally: an error while sampling leaves it in eval mode."""

EXERCISE = "pretraining.generate"
MISCONCEPTION = 'model.train(was_training) is not in a finally block: when the model raises mid-generation the mode is never restored'
NAMED_BY = r"finally|exception|(when|if) (the model |it |something |forward )?raises|error path|restor\w* (the |its )?(training )?mode|mode.{0,40}(restor|left in eval)"

import math

import torch
import torch.nn.functional as F


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    was_training = model.training
    model.eval()
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
                    ranked, order = torch.sort(logits, dim=-1, descending=True)
                    probs = F.softmax(ranked, dim=-1)
                    mass_above = probs.cumsum(dim=-1) - probs
                    ranked = ranked.masked_fill(mass_above >= top_p, -math.inf)
                    logits = torch.full_like(logits, -math.inf).scatter(-1, order, ranked)
                probs = F.softmax(logits, dim=-1)
                next_id = torch.multinomial(probs, num_samples=1, generator=generator)
            idx = torch.cat([idx, next_id], dim=1)
    model.train(was_training)
    return idx
