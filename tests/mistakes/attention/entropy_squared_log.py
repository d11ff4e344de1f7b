"""Squares the log by mistake, -Σ w (ln w)²: no known mistake, only where it differs."""

EXERCISE = "attention.attention_entropy"
DIAGNOSIS = "differs from the reference"

import math

import torch


def attention_entropy(weights):
    return -(weights * weights.clamp_min(1e-12).log() ** 2).sum(-1).mean(-1)
