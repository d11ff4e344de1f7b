"""The output preallocated and filled column by column; top-k by a boolean keep-mask from
argsort; top-p by cumulative probabilities of the sorted row; model.train(mode) restored."""

EXERCISE = "pretraining.generate"

import torch
import torch.nn.functional as F


def _top_k(logits, k):
    k = min(k, logits.size(-1))
    order = logits.argsort(dim=-1, descending=True)
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter_(-1, order[:, :k], True)
    return logits.masked_fill(~keep, float("-inf"))


def _top_p(logits, p):
    sorted_logits, order = logits.sort(dim=-1, descending=True)
    probs = torch.softmax(sorted_logits, dim=-1)
    before = torch.cumsum(probs, dim=-1) - probs  # mass of the higher-ranked tokens
    drop_sorted = before >= p
    drop = torch.zeros_like(drop_sorted).scatter(-1, order, drop_sorted)
    return logits.masked_fill(drop, float("-inf"))


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    mode = model.training
    model.eval()
    B, T = idx.shape
    out = torch.empty(B, T + max_new_tokens, dtype=idx.dtype, device=idx.device)
    out[:, :T] = idx
    try:
        with torch.no_grad():
            for t in range(T, T + max_new_tokens):
                context = out[:, max(0, t - model.block_size):t]
                last = model(context)[0][:, -1, :]
                if temperature == 0:
                    choice = torch.argmax(last, dim=-1, keepdim=True)
                else:
                    scaled = last / temperature
                    if top_k is not None:
                        scaled = _top_k(scaled, top_k)
                    if top_p is not None and top_p < 1.0:
                        scaled = _top_p(scaled, top_p)
                    choice = torch.multinomial(F.softmax(scaled, -1), num_samples=1, generator=generator)
                out[:, t] = choice.squeeze(-1)
    finally:
        model.train(mode)
    return out
