"""torch.inference_mode() instead of no_grad, one filter function for top-k and top-p, the mode put
back with model.train(mode) in finally, greedy picked by topk(1)."""

EXERCISE = "pretraining.generate"

import torch
import torch.nn.functional as F


def _filtered(logits, top_k, top_p):
    if top_k is not None:
        kept = torch.topk(logits, min(top_k, logits.size(-1)), dim=-1).indices
        keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, kept, True)
        logits = logits.masked_fill(~keep, float("-inf"))
    if top_p is not None and top_p < 1.0:
        ranked, order = logits.sort(dim=-1, descending=True)
        probs = ranked.softmax(dim=-1)
        drop = (probs.cumsum(dim=-1) - probs) >= top_p
        logits = logits.scatter(-1, order, ranked.masked_fill(drop, float("-inf")))
    return logits


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    mode = model.training
    model.eval()
    try:
        with torch.inference_mode():
            for _ in range(max_new_tokens):
                last = model(idx[:, -model.block_size:])[0][:, -1]
                if temperature == 0:
                    chosen = last.topk(1, dim=-1).indices
                else:
                    probs = F.softmax(_filtered(last / temperature, top_k, top_p), dim=-1)
                    chosen = torch.multinomial(probs, 1, generator=generator)
                idx = torch.cat((idx, chosen), dim=-1)
    finally:
        model.train(mode)
    return idx
