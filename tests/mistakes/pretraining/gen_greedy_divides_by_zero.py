"""Has no greedy branch: temperature 0 divides the logits by zero."""

EXERCISE = "pretraining.generate"
DIAGNOSIS = "temperature 0 divides the logits by zero"

import torch
import torch.nn.functional as F


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for _ in range(max_new_tokens):
            logits, _ = model(idx[:, -model.block_size :])
            probs = F.softmax(logits[:, -1, :] / temperature, dim=-1)
            idx = torch.cat([idx, torch.multinomial(probs, num_samples=1, generator=generator)], dim=1)
    model.train(was_training)
    return idx
