"""Training through the fused attention kernel: same outputs and gradients as the layer's own
forward, the layer's own forward (and weights for heatmaps) whenever gradients are off, and
no fusing for a layer that computes something else."""

from __future__ import annotations

import copy
import math

import pytest
import torch

from app.engine.training.fused_attention import fuse_attention
from lessons.attention import reference as attention
from lessons.transformer.reference import GPT


def small_gpt(dropout: float = 0.0) -> GPT:
    torch.manual_seed(0)
    return GPT(vocab_size=20, block_size=16, n_layer=2, n_head=4, d_model=32, dropout=dropout)


def loss_and_grads(model, idx):
    model.zero_grad()
    logits, _ = model(idx)
    loss = logits.square().mean()
    loss.backward()
    return loss.detach(), {name: p.grad.clone() for name, p in model.named_parameters()}


def test_fused_training_steps_match_the_layers_own_forward_and_gradients():
    own, fused = small_gpt(), small_gpt()
    assert fuse_attention(fused)
    idx = torch.randint(0, 20, (3, 16), generator=torch.Generator().manual_seed(1))
    own_loss, own_grads = loss_and_grads(own, idx)
    fused_loss, fused_grads = loss_and_grads(fused, idx)
    assert torch.allclose(own_loss, fused_loss, atol=1e-6)
    for name, grad in own_grads.items():
        assert torch.allclose(grad, fused_grads[name], atol=1e-6), name
    assert all(block.attn.last_attention is None for block in fused.blocks)  # nothing kept by training steps


def test_without_gradients_the_layers_own_forward_runs_and_keeps_its_weights():
    model = small_gpt()
    assert fuse_attention(model)
    idx = torch.randint(0, 20, (1, 10), generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        model.eval()
        model(idx)
    weights = model.blocks[1].attn.last_attention
    assert weights.shape == (1, 4, 10, 10)
    assert torch.allclose(weights.sum(-1), torch.ones(1, 4, 10))
    assert torch.all(weights.triu(1) == 0)


def test_dropout_is_applied_in_training_only():
    model = small_gpt(dropout=0.5)
    assert fuse_attention(model)
    idx = torch.randint(0, 20, (2, 16), generator=torch.Generator().manual_seed(3))
    model.train()
    first, second = model(idx)[0], model(idx)[0]
    assert not torch.allclose(first, second)
    model.eval()
    with torch.enable_grad():
        assert torch.allclose(model(idx)[0], model(idx)[0])


def test_non_causal_layers_fuse_without_a_mask():
    torch.manual_seed(0)
    layer = attention.MultiHeadAttention(16, 2, causal=False)
    twin = copy.deepcopy(layer)
    model = torch.nn.Module()
    model.blocks = torch.nn.ModuleList([torch.nn.Module()])
    model.blocks[0].attn = twin
    assert fuse_attention(model)
    x = torch.randn(2, 6, 16)
    assert torch.allclose(layer(x), twin(x), atol=1e-6)


class ScaledByWidth(attention.MultiHeadAttention):
    """A layer that scales scores by √d_model: a different function from the kernel's."""

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2) for t in (q, k, v))
        scores = (q @ k.transpose(-2, -1) / math.sqrt(C)).masked_fill(~attention.causal_mask(T), float("-inf"))
        self.last_attention = torch.softmax(scores, -1).detach()
        return self.proj((torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(B, T, C))


class NoHeadCount(attention.MultiHeadAttention):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.n_heads
        self.heads = 4


@pytest.mark.parametrize("layer_class", [ScaledByWidth, NoHeadCount])
def test_a_layer_that_disagrees_or_lacks_the_course_layout_trains_as_written(layer_class):
    model = small_gpt()
    for block in model.blocks:
        block.attn = layer_class(32, 4)
    forwards = [block.attn.forward for block in model.blocks]
    assert not fuse_attention(model)
    assert [block.attn.forward for block in model.blocks] == forwards
