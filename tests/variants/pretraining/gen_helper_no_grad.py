"""One sampling step in a helper decorated with @torch.no_grad(); top-k by scattering the kept
values into a row of -inf; the mode restored with `if was_training: model.train()`."""

EXERCISE = "pretraining.generate"

import math

import torch
import torch.nn.functional as F


@torch.no_grad()
def _next_token(model, idx, temperature, top_k, top_p, generator):
    logits = model(idx[:, -model.block_size:])[0][:, -1, :]
    if temperature == 0:
        return logits.argmax(-1).unsqueeze(-1)
    logits = logits / temperature
    if top_k is not None:
        values, positions = logits.topk(min(top_k, logits.shape[-1]), dim=-1)
        logits = torch.full_like(logits, -math.inf).scatter_(-1, positions, values)
    if top_p is not None and top_p < 1.0:
        ranked, order = logits.sort(dim=-1, descending=True)
        p = F.softmax(ranked, dim=-1)
        exclusive = torch.cat([torch.zeros_like(p[:, :1]), p.cumsum(-1)[:, :-1]], dim=-1)
        ranked = torch.where(exclusive >= top_p, torch.full_like(ranked, -math.inf), ranked)
        logits = torch.empty_like(logits).scatter_(-1, order, ranked)
    probs = F.softmax(logits, dim=-1)
    return torch.multinomial(probs, 1, generator=generator)


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    was_training = model.training
    model.eval()
    try:
        for _ in range(max_new_tokens):
            idx = torch.cat((idx, _next_token(model, idx, temperature, top_k, top_p, generator)), dim=1)
        return idx
    finally:
        if was_training:
            model.train()
