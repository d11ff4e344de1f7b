"""Training steps through PyTorch's fused attention kernel, with the model's own weights.

The course's MultiHeadAttention (the learner's once its checks pass, else the reference)
computes softmax(q kᵀ / √d) v step by step and keeps the (B, heads, T, T) weights for the
heatmaps: a mask, a masked_fill, a softmax and two batched matmuls forward, as many again
backward, and the weights held in memory. F.scaled_dot_product_attention does the same
arithmetic in one kernel (FlashAttention-style on CUDA, a fused loop on the CPU and MPS)
without materialising the weights. nanoGPT trains this way; the course's explicit layer
was measured ~9 % slower per baby step on a 2-core CPU (benchmarks/train_throughput.py).

    fuse_attention(model) -> True: every block's attention now runs the fused kernel whenever
    gradients are on (training steps). With gradients off (evaluation, samples, the probe
    prompt whose heatmaps the dashboard draws) the module's own forward runs, so the maps are
    still its own weights.

Only a layer laid out as the course's contract says (qkv, proj, dropout, n_heads, causal; the
checks load the reference's weights by these names) and whose own forward agrees with the
kernel on a test input is fused; otherwise the model trains as written and this returns False.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

AGREEMENT_ATOL = 1e-4  # own forward vs kernel on a random input; float32 differences are ~1e-7


def _has_course_layout(attention) -> bool:
    qkv, proj = getattr(attention, "qkv", None), getattr(attention, "proj", None)
    return (isinstance(qkv, nn.Linear) and isinstance(proj, nn.Linear)
            and qkv.out_features == 3 * qkv.in_features == 3 * proj.in_features
            and isinstance(getattr(attention, "dropout", None), nn.Dropout)
            and isinstance(getattr(attention, "n_heads", None), int) and qkv.in_features % attention.n_heads == 0
            and isinstance(getattr(attention, "causal", None), bool))


def fused_forward(attention, x: torch.Tensor) -> torch.Tensor:
    """The course's multi-head attention on x (B, T, C), with `attention`'s parameters, in one kernel."""
    B, T, C = x.shape
    q, k, v = attention.qkv(x).split(C, dim=-1)
    q, k, v = (t.view(B, T, attention.n_heads, C // attention.n_heads).transpose(1, 2) for t in (q, k, v))
    dropout = attention.dropout.p if attention.training else 0.0
    y = F.scaled_dot_product_attention(q, k, v, dropout_p=dropout, is_causal=attention.causal)  # (B, heads, T, hs)
    return attention.proj(y.transpose(1, 2).reshape(B, T, C))


def _agrees(attention) -> bool:
    """Whether the layer's own forward and the kernel give the same output (eval mode, no dropout)."""
    was_training = attention.training
    attention.eval()
    try:
        device = attention.qkv.weight.device
        x = torch.randn(2, 5, attention.qkv.in_features, generator=torch.Generator().manual_seed(0)).to(device)
        with torch.no_grad():
            own, fused = attention(x), fused_forward(attention, x)
        return own.shape == fused.shape and torch.allclose(own.float(), fused.float(), atol=AGREEMENT_ATOL)
    except Exception:  # noqa: BLE001 - a layer that cannot even run the test trains as written
        return False
    finally:
        attention.train(was_training)


def fuse_attention(model) -> bool:
    """Route every block's attention through the fused kernel for training steps; False if any layer does not qualify."""
    layers = [getattr(block, "attn", None) for block in getattr(model, "blocks", [])]
    if not layers or not all(_has_course_layout(layer) and _agrees(layer) for layer in layers):
        return False
    for layer in layers:
        layer.forward = _training_fused(layer)
    return True


def _training_fused(attention):
    own = attention.forward

    def forward(x):
        if not torch.is_grad_enabled():
            return own(x)
        attention.last_attention = None  # the weights of an earlier probe: not this batch's
        return fused_forward(attention, x)

    return forward
