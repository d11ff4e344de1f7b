"""Upcasts the scores to float64 "for a stable softmax" and never casts back: the weights and the
output come back as float64 for float32 inputs, and the next float32 Linear refuses them."""

EXERCISE = "attention.scaled_dot_product_attention"
MISCONCEPTION = "computes the softmax in float64 and returns float64 weights and output for float32 inputs"
NAMED_BY = r"dtype|float64|double|float32|precision"

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = (q.double() @ k.double().transpose(-2, -1)) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v.double(), weights
