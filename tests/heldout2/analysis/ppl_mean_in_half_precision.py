"""Takes the mean of a tensor of losses in its own dtype (loss.mean().item()): right for float32,
but a bf16 or fp16 tensor is averaged and rounded in half precision, so the perplexity is off by up
to a few tenths of a percent."""

EXERCISE = "analysis.perplexity"
MISCONCEPTION = "averages low-precision (bf16/fp16) loss tensors in their own dtype instead of float32"
NAMED_BY = r"float32|bf16|bfloat16|half|precision|dtype|fp16"

import math

import torch


def perplexity(loss):
    if isinstance(loss, torch.Tensor):
        loss = loss.mean().item()
    return math.exp(loss)
