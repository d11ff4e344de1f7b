"""Checks for lesson 12.1: the learner's attention against the reference.

Inputs are seeded. A known mistake is named only when its twin (the reference with that
one mistake) gives what the learner's code gives on every case of a check, and each check
holds cases on which the twins part ways: d_k = 1 and d_k = 32 (the scale), T_q ≠ T_k and
2, 3 and 4 dims (the softmax axis), scores near ±100 (the softmax's shift), one head and
four (how heads are split and merged), a future that changes (the mask). A module's
dropout is read on a probe where every score is 0 and every value 1, so that dropping
attention weights and dropping output elements leave different patterns. Otherwise the
failure says which input differs, and where.
"""

import math

import torch

from lessons.attention import reference
from lessons.checking import remote_facts

# ---------------------------------------------------------------------------
# scaled_dot_product_attention


def _softmax_twin(scores, dim, shift):
    """softmax along `dim`, shifted by each row's maximum ("row", as torch.softmax does), by one
    maximum for the whole tensor ("global"), or not at all ("none")."""
    if shift == "row":
        return torch.softmax(scores, dim=dim)
    if shift == "global":
        scores = scores - scores.max()
    e = scores.exp()
    return e / e.sum(dim, keepdim=True)


def _sdpa_twin(q, k, v, mask=None, *, scale=None, softmax_dim=-1, shift="row", mask_after_softmax=False,
               fill=float("-inf"), invert_mask=False):
    """The reference with one knob turned: each known mistake is one setting (the mask knobs do
    nothing without a mask, so every twin has an output for every case)."""
    scale = 1 / math.sqrt(q.size(-1)) if scale is None else scale
    scores = q @ k.transpose(-2, -1) * scale
    if mask is not None and invert_mask:
        mask = ~mask
    if mask is not None and not mask_after_softmax:
        scores = scores.masked_fill(~mask, fill)
    weights = _softmax_twin(scores, softmax_dim, shift)
    if mask is not None and mask_after_softmax:
        weights = weights.masked_fill(~mask, 0.0)
    return weights @ v, weights


def _sdpa_mistakes(q, k, v, mask):
    d_k = q.size(-1)
    return {
        "scores are not divided by √d_k": _sdpa_twin(q, k, v, mask, scale=1.0),
        "scores divided by d_k instead of √d_k": _sdpa_twin(q, k, v, mask, scale=1 / d_k),
        "scores multiplied by √d_k instead of divided by it": _sdpa_twin(q, k, v, mask, scale=math.sqrt(d_k)),
        "scores divided by √d_v (v.size(-1)) instead of √d_k (q.size(-1))": _sdpa_twin(q, k, v, mask, scale=1 / math.sqrt(v.size(-1))),
        "scores divided by √T_k (the number of keys) instead of √d_k (q.size(-1))":
            _sdpa_twin(q, k, v, mask, scale=1 / math.sqrt(k.size(-2))),
        "softmax over the wrong axis (queries, dim=-2, instead of keys, dim=-1)": _sdpa_twin(q, k, v, mask, softmax_dim=-2),
        "softmax over dim=1, a fixed axis: the keys only for 2-D scores, the queries or a batch dim once there are "
        "batch dims; use dim=-1": _sdpa_twin(q, k, v, mask, softmax_dim=1),
        "softmax over dim=0, the first axis: the queries for 2-D scores, a batch dim once there are batch dims; "
        "use dim=-1": _sdpa_twin(q, k, v, mask, softmax_dim=0),
        "softmax without subtracting the maximum: exp overflows to inf for scores above ~88 and inf / inf is NaN; "
        "subtract each row's maximum (dim=-1, keepdim=True) or use torch.softmax": _sdpa_twin(q, k, v, mask, shift="none"),
        "one maximum for the whole tensor subtracted before exp: rows far below it underflow to 0 / 0 = NaN; "
        "subtract each row's own maximum (dim=-1, keepdim=True)": _sdpa_twin(q, k, v, mask, shift="global"),
        "mask applied after softmax: masked weights zeroed, rows no longer sum to 1": _sdpa_twin(q, k, v, mask, mask_after_softmax=True),
        "masked scores filled with 0 instead of -inf, so masked keys still get weight": _sdpa_twin(q, k, v, mask, fill=0.0),
        "mask inverted: True means *may* attend": _sdpa_twin(q, k, v, mask, invert_mask=True),
        "returns (weights, out): the order is (out, weights)": _sdpa_twin(q, k, v, mask)[::-1],
    }


def _sdpa_cases():
    """(description, q, k, v, mask): the docstring's example, batch dims, T_q ≠ T_k, d_v ≠ d_k, masks,
    and scores near ±100."""
    g = torch.Generator().manual_seed(1234)

    def randn(*shape):
        return torch.randn(*shape, generator=g)

    def random_mask(*shape):
        mask = torch.rand(*shape, generator=g) > 0.4
        mask[..., 0] = True  # every query may attend to something
        return mask

    q, k, v = torch.tensor([[2.0]]), torch.tensor([[1.0], [0.0]]), torch.tensor([[10.0], [20.0]])
    return [
        ("the docstring's example, q = [[2.]], k = [[1.], [0.]], v = [[10.], [20.]]", q, k, v, None),
        ("the docstring's example with mask = [[False, True]]", q, k, v, torch.tensor([[False, True]])),
        ("no batch dims, T=4, d_k=8", randn(4, 8), randn(4, 8), randn(4, 8), None),
        ("batch (2,), T_q=3 ≠ T_k=6, d_k=16, d_v=5", randn(2, 3, 16), randn(2, 6, 16), randn(2, 6, 5), None),
        ("batch (2, 3), T=5, d_k=32", randn(2, 3, 5, 32) * 2, randn(2, 3, 5, 32), randn(2, 3, 5, 4), None),
        ("batch (2,), causal mask (T, T) broadcast", randn(2, 6, 8), randn(2, 6, 8), randn(2, 6, 8), reference.causal_mask(6)),
        ("batch (2, 2), random mask (2, 1, 4, 7)", randn(2, 2, 4, 8), randn(2, 2, 7, 8), randn(2, 2, 7, 3), random_mask(2, 1, 4, 7)),
        ("scores near ±100, q = [[10.], [-10.]], k = [[10.], [9.]]",
         torch.tensor([[10.0], [-10.0]]), torch.tensor([[10.0], [9.0]]), torch.tensor([[1.0, 0.0], [0.0, 1.0]]), None),
    ]


def _expect_pair(t, result):
    t.expect(
        isinstance(result, tuple) and len(result) == 2,
        f"should return a tuple (out, weights), got {type(result).__name__}",
        "returns only the output, not (out, weights)" if isinstance(result, torch.Tensor) else None,
    )
    return result


def _call_sdpa(t, sdpa, q, k, v, mask):
    return _expect_pair(t, sdpa(q, k, v, mask) if mask is not None else sdpa(q, k, v))


def sdpa_matches_reference(t, sdpa):
    """out and weights match the reference (batch dims, T_q ≠ T_k, masks, scores near ±100)"""
    cases, inputs = [], []
    for description, q, k, v, mask in _sdpa_cases():
        out, weights = _call_sdpa(t, sdpa, q, k, v, mask)
        want_out, want_weights = reference.scaled_dot_product_attention(q, k, v, mask)
        cases += [(f"weights [{description}]", weights, want_weights), (f"out [{description}]", out, want_out)]
        inputs += [(q, k, v, mask)] * 2
    # Case 2i compares the weights (a twin's [1]), case 2i + 1 the output (its [0]).
    t.close_cases(cases, atol=1e-5, twins=lambda i: {name: twin[1 - i % 2] for name, twin in _sdpa_mistakes(*inputs[i]).items()})


def sdpa_rows_are_distributions(t, sdpa):
    """weights are non-negative and every row sums to 1, masked keys get exactly 0"""
    for description, q, k, v, mask in _sdpa_cases():
        _, weights = _call_sdpa(t, sdpa, q, k, v, mask)
        weights = t.tensor(weights, "weights")
        t.expect(not bool(weights.isnan().any()), f"weights has NaN entries [{description}]")
        t.expect(bool((weights >= 0).all()), f"weights has negative entries, down to {float(weights.min()):.3g} [{description}]")
        row_sums = weights.sum(-1)
        t.close(row_sums, torch.ones_like(row_sums), what=f"row sums of weights [{description}]", atol=1e-5)
        if mask is not None:
            hidden = weights.masked_select(~mask.expand_as(weights))
            seen = weights.masked_select(mask.expand_as(weights))
            # Every key getting some weight, the hidden ones too, is what a finite fill value does;
            # a mask read the wrong way round instead leaves visible keys at 0.
            t.expect(bool((hidden == 0).all()), f"masked keys get weight up to {hidden.abs().max():.3g} [{description}]",
                     "masked scores filled with a finite value instead of -inf" if bool((seen > 0).all()) else None)


def sdpa_gradients_flow(t, sdpa):
    """gradients reach q, k and v (the computation stays inside autograd)"""
    _, q, k, v, _ = _sdpa_cases()[3]
    q, k, v = (x.clone().requires_grad_() for x in (q, k, v))
    result, problem = t.grad_call(sdpa, q, k, v, select=(0,))
    _expect_pair(t, result)
    t.expect(problem is None, f"no backward pass from out: {problem}", "computed outside autograd (numpy, .detach() or .data)")
    for name, x in (("q", q), ("k", k), ("v", v)):
        t.expect(x.grad is not None and bool(x.grad.abs().sum() > 0), f"no gradient reaches {name}",
                 "computed outside autograd (numpy, .detach() or .data)")


# ---------------------------------------------------------------------------
# causal_mask


def _causal_mistakes(T):
    ones = torch.ones(T, T, dtype=torch.bool)
    return {
        "diagonal masked out: a token must see itself (use tril with diagonal=0)": ones.tril(-1),
        "upper triangle: that lets tokens see the future": ones.triu(),
        "True and False swapped: True means *may* attend": ~ones.tril(),
    }


def causal_mask_pattern(t, causal_mask):
    """True on and below the diagonal, bool, for T = 1, 2, 3, 5, 17"""
    sizes = (3, 5, 17, 2, 1)
    cases = [(f"causal_mask({T})", causal_mask(T), reference.causal_mask(T)) for T in sizes]
    t.close_cases(cases, atol=0, twins=lambda i: _causal_mistakes(sizes[i]))


def causal_mask_device(t, causal_mask):
    """is created on the requested device"""
    used, mask, _ = t.device_probe(lambda device: causal_mask(4, device=device))
    t.close(mask, reference.causal_mask(4), what="causal_mask(4, device=...)", atol=0)
    t.expect(used, "causal_mask(4, device=...) never passes the device to torch",
             "device argument ignored: build the tensor with device=device")


# ---------------------------------------------------------------------------
# MultiHeadAttention

_LAYOUT = "self.qkv = nn.Linear(d_model, 3*d_model) and self.proj = nn.Linear(d_model, d_model)"


def _mha_pair(t, MultiHeadAttention, d_model, n_heads, causal=True, dropout=0.0, seed=0):
    """The learner's module and the reference's, in eval mode, with the same weights."""
    torch.manual_seed(seed)
    want = reference.MultiHeadAttention(d_model, n_heads, dropout=dropout, causal=causal).eval()
    mine = MultiHeadAttention(d_model, n_heads, dropout=dropout, causal=causal)
    return t.load_reference_weights(mine, want, _LAYOUT), want


def _mha_twin(module, x, *, split_transpose=True, merge_transpose=True, scale_dim=None, causal=None, project=True):
    """The reference forward with one knob turned."""
    B, T, C = x.shape
    n_heads = module.n_heads
    q, k, v = module.qkv(x).split(C, dim=-1)
    if split_transpose:
        q, k, v = (z.view(B, T, n_heads, C // n_heads).transpose(1, 2) for z in (q, k, v))
    else:
        q, k, v = (z.reshape(B, n_heads, T, C // n_heads) for z in (q, k, v))
    causal = module.causal if causal is None else causal
    scores = q @ k.transpose(-2, -1) / math.sqrt(scale_dim or C // n_heads)
    if causal:
        scores = scores.masked_fill(~reference.causal_mask(T), float("-inf"))
    y = torch.softmax(scores, dim=-1) @ v  # (B, n_heads, T, head_dim)
    y = (y.transpose(1, 2) if merge_transpose else y).reshape(B, T, C)
    return module.proj(y) if project else y


def _mha_mistakes(module, x):
    d_model = x.size(-1)
    # The twin that flips `causal` is a missing mask for a causal module, and a mask applied
    # anyway for a module built with causal=False.
    flipped_causal = "causal mask not applied" if module.causal else "causal=False ignored: the causal mask is applied anyway"
    return {
        "heads split with a plain reshape to (B, n_heads, T, head_dim): view as (B, T, n_heads, head_dim), then transpose(1, 2)":
            _mha_twin(module, x, split_transpose=False, merge_transpose=False),
        "heads merged with a plain reshape of (B, n_heads, T, head_dim) to (B, T, d_model): transpose(1, 2) back to "
        "(B, T, n_heads, head_dim) first": _mha_twin(module, x, merge_transpose=False),
        "scores scaled by √d_model instead of √head_dim": _mha_twin(module, x, scale_dim=d_model),
        flipped_causal: _mha_twin(module, x, causal=not module.causal),
        "output projection self.proj not applied": _mha_twin(module, x, project=False),
    }


def _twin_on_every_input(module, inputs, outputs, atol):
    """The known mistake whose twin gives every one of `outputs` on `inputs`, else None."""
    twins = [_mha_mistakes(module, x) for x in inputs]
    for name in twins[0]:
        if all(got.shape == case[name].shape and float((got - case[name]).abs().max()) <= atol
               for got, case in zip(outputs, twins)):
            return name
    return None


_MHA_SHAPES = [  # (B, T, d_model, n_heads): one head, where splitting needs no transpose, and several
    (2, 5, 8, 2),
    (1, 7, 16, 4),
    (3, 4, 12, 1),
    (2, 1, 8, 2),
]


def _compare_outputs(t, MultiHeadAttention, shapes, causal):
    cases, inputs = [], []
    with torch.no_grad():
        for B, T, d_model, n_heads in shapes:
            mine, want = _mha_pair(t, MultiHeadAttention, d_model, n_heads, causal=causal, seed=T)
            x = torch.randn(B, T, d_model, generator=torch.Generator().manual_seed(T))
            cases.append((f"output [causal={causal}, B={B}, T={T}, d_model={d_model}, n_heads={n_heads}]", mine(x), want(x)))
            inputs.append((want, x))
        t.close_cases(cases, atol=1e-5, twins=lambda i: _mha_mistakes(*inputs[i]))


def mha_parameters(t, MultiHeadAttention):
    """has parameters qkv (d_model → 3·d_model) and proj (d_model → d_model)"""
    _mha_pair(t, MultiHeadAttention, 16, 4)


def mha_matches_reference(t, MultiHeadAttention):
    """causal output matches the reference with the same weights"""
    _compare_outputs(t, MultiHeadAttention, _MHA_SHAPES, causal=True)


def mha_non_causal(t, MultiHeadAttention):
    """causal=False lets every position attend everywhere"""
    _compare_outputs(t, MultiHeadAttention, [(2, 6, 16, 4), (3, 5, 12, 3)], causal=False)


def mha_defaults(t, MultiHeadAttention):
    """MultiHeadAttention(d_model, n_heads) means dropout=0.0 and causal=True"""
    torch.manual_seed(6)
    want = reference.MultiHeadAttention(16, 4)
    default = t.load_reference_weights(MultiHeadAttention(16, 4), want, _LAYOUT).train()
    explicit = {causal: t.load_reference_weights(MultiHeadAttention(16, 4, dropout=0.0, causal=causal), want, _LAYOUT)
                for causal in (True, False)}
    x = torch.randn(2, 6, 16, generator=torch.Generator().manual_seed(6))
    with torch.no_grad():
        got = t.tensor(default(x), "output")
        if not torch.equal(got, default(x)):
            # Random with dropout=0.0 given explicitly too: the argument never reaches nn.Dropout.
            zero = explicit[True].train()
            ignored = not torch.equal(zero(x), zero(x))
            zero.eval()
            t.fail("MultiHeadAttention(16, 4" + (", dropout=0.0" if ignored else "") + ") in training mode gives another "
                   "output on each call: dropout is on, but " + ("dropout=0.0 was asked for" if ignored else "the default is dropout=0.0"),
                   "the dropout argument is ignored: build self.dropout = nn.Dropout(dropout)" if ignored
                   else "dropout on by default: the default is dropout=0.0")
        t.close(got, explicit[True](x), what="MultiHeadAttention(16, 4)(x) (the reference here: your MultiHeadAttention(16, 4, "
                "dropout=0.0, causal=True) with the same weights)", atol=1e-6,
                mistakes={"not causal by default: the default is causal=True": explicit[False](x)})


def mha_is_causal(t, MultiHeadAttention):
    """is causal: changing future tokens leaves earlier outputs unchanged"""
    with torch.no_grad():
        mine, want = _mha_pair(t, MultiHeadAttention, 16, 4, causal=True, seed=2)
        x = torch.randn(2, 8, 16, generator=torch.Generator().manual_seed(2))
        changed = x.clone()
        changed[:, 5:] = torch.randn(2, 3, 16, generator=torch.Generator().manual_seed(3))
        before, after = t.tensor(mine(x), "output"), t.tensor(mine(changed), "output")
        t.expect(before.shape == x.shape and after.shape == x.shape,
                 f"output has shape {tuple(before.shape)} for x {tuple(x.shape)}, expected {tuple(x.shape)}")
        leak = float((before[:, :5] - after[:, :5]).abs().max())
        if leak > 1e-6:
            t.fail(f"output at positions 0..4 changed by up to {leak:.3g} when only positions 5..7 of x changed: "
                   "with causal=True position t may only see positions <= t",
                   _twin_on_every_input(want, [x, changed], [before, after], atol=1e-5))


def mha_keeps_attention(t, MultiHeadAttention):
    """keeps the last forward's attention weights (B, n_heads, T, T) in self.last_attention"""
    g = torch.Generator().manual_seed(4)
    with torch.no_grad():
        mine, want = _mha_pair(t, MultiHeadAttention, 16, 4, seed=4)
        for x in (torch.randn(3, 6, 16, generator=g), torch.randn(2, 4, 16, generator=g)):
            mine(x)
            want(x)
            t.close(getattr(mine, "last_attention", None), want.last_attention,
                    what=f"self.last_attention after a forward on x {tuple(x.shape)}", atol=1e-5)


def _kept_after_dropout_mistakes(kept, weights, p):
    """The weights with the learner's own dropped entries zeroed and the others scaled by 1/(1-p)."""
    if kept.shape != weights.shape:
        return {}
    return {"self.last_attention stored after dropout: keep the weights as the softmax gave them, before self.dropout":
            torch.where(kept == 0, 0.0, weights / (1 - p))}


def mha_attention_is_detached(t, MultiHeadAttention):
    """self.last_attention is detached from the graph and holds the weights before dropout"""
    mine, want = _mha_pair(t, MultiHeadAttention, 16, 4, dropout=0.5, seed=7)
    x = torch.randn(2, 6, 16, generator=torch.Generator().manual_seed(7))
    mine(x)  # with grad on, as in training: the weights are part of the graph, the stored copy must not be
    kept = t.tensor(getattr(mine, "last_attention", None), "self.last_attention")
    t.expect(not kept.requires_grad, f"self.last_attention requires grad (grad_fn {remote_facts(kept).get('grad_fn')}) "
             "after a forward with grad on: it should be detached",
             "self.last_attention keeps the autograd graph: store weights.detach()")
    mine.train()
    torch.manual_seed(7)
    with torch.no_grad():
        mine(x)
        want(x)
    kept = t.tensor(mine.last_attention, "self.last_attention")
    # Dropout comes after the weights are kept, so training must leave them as eval mode gives them.
    t.close(kept, want.last_attention, what="self.last_attention after a forward in training mode with dropout=0.5",
            atol=1e-5, mistakes=lambda: _kept_after_dropout_mistakes(kept, want.last_attention, 0.5))


def mha_heads_in_parallel(t, MultiHeadAttention):
    """computes all heads in parallel (the work does not grow with n_heads)"""
    x = torch.randn(2, 5, 32)
    calls = {}
    with torch.no_grad():
        for n_heads in (1, 8):
            mine, _ = _mha_pair(t, MultiHeadAttention, 32, n_heads)
            calls[n_heads] = t.count_torch_calls(lambda: mine(x))
    t.expect(calls[8] <= calls[1], f"forward makes {calls[1]} torch calls with 1 head but {calls[8]} with 8 heads",
             "a Python loop over heads: reshape to (B, n_heads, T, head_dim) and do every head in one matmul")


def mha_dropout_only_in_training(t, MultiHeadAttention):
    """dropout acts in training and is off in eval"""
    with torch.no_grad():
        mine, want = _mha_pair(t, MultiHeadAttention, 16, 4, dropout=0.5, seed=5)
        x = torch.randn(2, 6, 16, generator=torch.Generator().manual_seed(5))
        t.dropout_only_in_training(mine, lambda: mine(x), want(x), atol=1e-5,
                                   never_applied="dropout never applied: apply self.dropout to the attention weights")


def _flat_probe(t, MultiHeadAttention, d_model, n_heads, dropout):
    """The learner's causal module with q = k = 0, so every visible key gets the same weight, v = 1 in
    every element, and self.proj the identity plus 1: without dropout every output element is 2."""
    want = reference.MultiHeadAttention(d_model, n_heads, dropout=dropout)
    with torch.no_grad():
        want.qkv.weight.zero_()
        want.qkv.bias.copy_(torch.cat([torch.zeros(2 * d_model), torch.ones(d_model)]))
        want.proj.weight.copy_(torch.eye(d_model))
        want.proj.bias.fill_(1.0)
    return t.load_reference_weights(MultiHeadAttention(d_model, n_heads, dropout=dropout), want, _LAYOUT)


def mha_dropout_on_the_weights(t, MultiHeadAttention):
    """dropout drops attention weights (whole keys of a head), not elements of the output"""
    B, T, n_heads, head_dim, p = 4, 6, 2, 4, 0.5
    mine = _flat_probe(t, MultiHeadAttention, n_heads * head_dim, n_heads, p).train()
    x = torch.randn(B, T, n_heads * head_dim, generator=torch.Generator().manual_seed(8))
    torch.manual_seed(8)
    with torch.no_grad():
        y = t.tensor(mine(x), "output")
    probe = (f"in training mode with dropout={p}, on weights that give every visible key the same weight, "
             f"values that are all 1 and self.proj = identity + 1 (so every output is 2 without dropout)")
    t.expect(y.shape == x.shape, f"output has shape {tuple(y.shape)}, expected {tuple(x.shape)}")
    t.expect(not bool(y.isnan().any()), f"the output has NaN entries {probe}")
    if torch.allclose(y, torch.full_like(y, 2.0), atol=1e-5):
        # Nothing here depends on x, q, k or the scores: dropout acting on one of them leaves the output
        # alone, while on ordinary weights it still makes training random.
        other, _ = _mha_pair(t, MultiHeadAttention, 16, 4, dropout=p, seed=8)
        other.train()
        with torch.no_grad():
            x = torch.randn(2, 6, 16, generator=torch.Generator().manual_seed(8))
            random = not torch.equal(other(x), other(x))
        t.fail(f"every output is 2 {probe}: dropping attention weights would change it",
               "dropout applied before the softmax (to x, q, k or the scores): apply self.dropout to the weights the softmax gives"
               if random else "dropout never applied: apply self.dropout to the attention weights")
    heads = y.view(B, T, n_heads, head_dim)
    spread = (heads - heads[..., :1]).abs().amax(-1)  # (B, T, n_heads)
    if float(spread.max()) > 1e-5:
        b, position, head = (int(i) for i in (spread > 1e-5).nonzero()[0])
        values = [round(float(value), 3) for value in heads[b, position, head]]
        on_output = bool((((y - 0).abs() <= 1e-5) | ((y - 4).abs() <= 1e-5)).all())
        on_heads = bool((((y - 1).abs() <= 1e-5) | ((y - 3).abs() <= 1e-5)).all())
        # Dropping elements of v: element j of position t's head output averages the t + 1 visible
        # values of column j, each kept (as 1/(1-p)) or dropped on its own, so gives 1 + k/((t + 1)(1-p)).
        visible = torch.arange(1, T + 1).view(1, T, 1, 1)
        kept = (heads - 1) * visible * (1 - p)
        on_values = bool((((kept - kept.round()).abs() <= 1e-4) & (kept.round() >= 0) & (kept.round() <= visible)).all())
        t.fail(f"head {head}'s output at position {position} of sequence {b} is {values} {probe}: dropping attention "
               "weights scales a head's output at one position as a whole, never one element of it",
               "dropout applied to the output after self.proj: apply self.dropout to the attention weights" if on_output else
               "dropout applied to the heads' output before self.proj: apply self.dropout to the attention weights, "
               "before weights @ v" if on_heads else
               "dropout applied to v (or to all of self.qkv's output): apply self.dropout to the attention weights, "
               "then multiply by v" if on_values else None)
    # A position that sees m keys of weight 1/m and keeps k of them, each scaled by 1/(1-p), gives
    # 1 + k / (m(1-p)). Any m is accepted here: which keys are visible is for the causal checks.
    value = heads[..., 0].unsqueeze(-1)  # (B, T, n_heads, 1)
    m = torch.arange(1, T + 1)
    k = (value - 1) * m * (1 - p)
    whole = ((k - k.round()).abs() <= 1e-4) & (k.round() >= 0) & (k.round() <= m)
    explained = whole.any(-1)
    if not bool(explained.all()):
        b, position, head = (int(i) for i in (~explained).nonzero()[0])
        t.fail(f"head {head}'s output at position {position} of sequence {b} is {float(value[b, position, head]):.4g} {probe}; "
               f"keeping k of m equal weights, each scaled by 1/(1-p) = {1 / (1 - p):g}, gives 1 + {1 / (1 - p):g}·k/m, "
               f"which no k <= m <= {T} makes")


CHECKS = {
    "scaled_dot_product_attention": [sdpa_matches_reference, sdpa_rows_are_distributions, sdpa_gradients_flow],
    "causal_mask": [causal_mask_pattern, causal_mask_device],
    "MultiHeadAttention": [
        mha_parameters,
        mha_matches_reference,
        mha_non_causal,
        mha_defaults,
        mha_is_causal,
        mha_keeps_attention,
        mha_heads_in_parallel,
        mha_dropout_only_in_training,
        mha_dropout_on_the_weights,
        mha_attention_is_detached,
    ],
}


# ---------------------------------------------------------------------------
# rnn_vs_attention_gradient_flow

_FLOW_MODELS = ("rnn", "gru", "attention")


def _flow_twin(T, d, seed, *, loss_position=None, whole_output=False, shared_input=False,
               norm_dim=-1, input_first=False):
    """The reference with one knob turned."""
    torch.manual_seed(seed)
    x = torch.randn(1, T, d) if input_first else None
    models = {
        "rnn": torch.nn.RNN(d, d, batch_first=True),
        "gru": torch.nn.GRU(d, d, batch_first=True),
        "attention": reference.MultiHeadAttention(d, n_heads=1),
    }
    x = torch.randn(1, T, d) if x is None else x
    shared = x.clone().requires_grad_()
    norms = {}
    for name, model in models.items():
        inputs = shared if shared_input else x.clone().requires_grad_()
        y = model(inputs)
        y = y[0] if isinstance(y, tuple) else y
        loss = y.sum() if whole_output else y[0, T - 1 if loss_position is None else loss_position].sum()
        loss.backward()
        norms[name] = inputs.grad[0].norm(dim=norm_dim).clone()
    return norms


def _flow_with_your_attention(t, T, d, seed):
    """The reference experiment with the learner's MultiHeadAttention in place of the reference's,
    built at the same point of the seeded generator; None if no gradient comes out of it."""
    torch.manual_seed(seed)
    torch.nn.RNN(d, d, batch_first=True)  # built only to draw the random numbers the experiment draws
    torch.nn.GRU(d, d, batch_first=True)
    attention = t.learner("attention", "MultiHeadAttention")(d, n_heads=1)
    inputs = torch.randn(1, T, d).requires_grad_()
    cotangent = torch.zeros(1, T, d)
    cotangent[0, T - 1] = 1.0  # ∂L/∂y for L = y[0, T - 1].sum()
    _, problem = t.grad_call(attention, inputs, cotangent=cotangent)
    if problem is not None or inputs.grad is None:
        return None
    want = reference.rnn_vs_attention_gradient_flow(T, d, seed=seed)
    return {"rnn": want["rnn"], "gru": want["gru"], "attention": inputs.grad[0].norm(dim=-1)}


def _flow_mistakes(t, T, d, seed):
    twins = {
        "loss over every output position: take only the last one, y[0, T - 1].sum()": _flow_twin(T, d, seed, whole_output=True),
        "loss at the first position instead of the last": _flow_twin(T, d, seed, loss_position=0),
        "one input tensor shared by all models, so gradients accumulate across them: clone x for each model": _flow_twin(T, d, seed, shared_input=True),
        "norm taken over positions instead of features: use .norm(dim=-1) on the (T, d) gradient": _flow_twin(T, d, seed, norm_dim=0),
        "x drawn before the models: build RNN, GRU, attention, then x, so the seeded weights match": _flow_twin(T, d, seed, input_first=True),
        "the experiment is right, but with your MultiHeadAttention, which differs from the reference's: make "
        "MultiHeadAttention (attention.MultiHeadAttention) pass its checks first": _flow_with_your_attention(t, T, d, seed),
    }
    return {name: twin for name, twin in twins.items() if twin is not None}


def flow_matches_reference(t, flow):
    """returns the RNN's, GRU's and attention's gradient norm at every position, as the reference does"""
    cases, of_case = [], []
    for setting in ((12, 8, 0), (20, 6, 3)):
        T, d, seed = setting
        got = flow(T, d, seed=seed)
        t.expect(isinstance(got, dict) and set(_FLOW_MODELS) <= set(got),
                 f"should return a dict with keys 'rnn', 'gru', 'attention', got {type(got).__name__}"
                 + (f" with keys {sorted(got)}" if isinstance(got, dict) else ""))
        want = reference.rnn_vs_attention_gradient_flow(T, d, seed=seed)
        for name in _FLOW_MODELS:
            cases.append((f"'{name}' norms [T={T}, d={d}, seed={seed}]", got[name], want[name]))
            of_case.append((setting, name))
    twins = {}  # per setting, computed once, and only on a miss

    def twins_of_case(i):
        setting, name = of_case[i]
        if setting not in twins:
            twins[setting] = _flow_mistakes(t, *setting)
        return {diagnosis: twin[name] for diagnosis, twin in twins[setting].items()}

    t.close_cases(cases, atol=1e-5, twins=twins_of_case)


def flow_vanishes_for_the_rnn_only(t, flow):
    """the RNN's gradient vanishes with distance, attention's does not"""
    norms = flow(40, 16, seed=1)
    rnn, attention = t.tensor(norms["rnn"], "'rnn'"), t.tensor(norms["attention"], "'attention'")
    t.expect(float(rnn[0]) < 1e-3 * float(rnn[-1]),
             f"the RNN's gradient 39 positions back is {float(rnn[0]):.2e}, at the last position {float(rnn[-1]):.2e}: it should vanish")
    t.expect(float(attention[0]) > 1e-2 * float(attention[-2]),
             f"attention's gradient 39 positions back is {float(attention[0]):.2e}: it should stay comparable to nearby positions")


CHECKS["rnn_vs_attention_gradient_flow"] = [flow_matches_reference, flow_vanishes_for_the_rnn_only]


# ---------------------------------------------------------------------------
# attention_entropy


def _entropy_mistakes(weights):
    w_log_w = torch.special.xlogy(weights, weights)
    return {
        "0 · log 0 gave NaN: a key of weight 0 (a masked one) must add 0; use torch.special.xlogy(w, w) or clamp w before the log":
            -(weights * weights.log()).sum(-1).mean(-1),
        "entropy in bits (log base 2): use the natural log, the answer is in nats": -w_log_w.sum(-1).mean(-1) / math.log(2),
        "sign flipped: the entropy is -Σ w ln w, never negative": w_log_w.sum(-1).mean(-1),
        "row entropies summed over the queries instead of averaged": -w_log_w.sum(-1).sum(-1),
        "entropy taken down the columns (over the queries, dim=-2) instead of along each row (over the keys, dim=-1)":
            -w_log_w.sum(-2).mean(-1),
        "w ln w averaged over the keys instead of summed: a row's entropy is the sum -Σ_j w_j ln w_j": -w_log_w.mean(-1).mean(-1),
        "averaged over the leading dims too: average over the queries only and return shape (...)": -w_log_w.sum(-1).mean(),
    }


def _uniform_row(n, T_k):
    """A row spreading its weight evenly over the first n of T_k keys (the rest masked)."""
    return torch.cat([torch.full((n,), 1 / n), torch.zeros(T_k - n)])


def _causal_softmax(scores):
    T = scores.size(-1)
    return torch.softmax(scores.masked_fill(~reference.causal_mask(T), float("-inf")), dim=-1)


def _compare_entropies(t, attention_entropy, cases):
    """cases: (description, weights, expected entropy); a mistake is named only if its twin gives every answer."""
    t.close_cases([(f"entropy of {description}", attention_entropy(weights), expected) for description, weights, expected in cases],
                  atol=1e-5, twins=lambda i: _entropy_mistakes(cases[i][1]))


def entropy_of_known_rows(t, attention_entropy):
    """a one-hot row scores 0 and a row uniform over n keys ln n (nats), averaged over the rows"""
    one_hot = torch.eye(5)[2]
    weights = torch.stack([
        torch.stack([one_hot, _uniform_row(2, 5), _uniform_row(5, 5)]),  # (0 + ln 2 + ln 5) / 3
        torch.stack([_uniform_row(3, 5), one_hot, _uniform_row(4, 5)]),  # (ln 3 + 0 + ln 4) / 3
    ])  # (2 maps, 3 queries, 5 keys)
    example = torch.tensor([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    _compare_entropies(t, attention_entropy, [
        ("2 maps of one-hot and uniform rows (2, 3, 5)", weights,
         torch.tensor([math.log(2) + math.log(5), math.log(3) + math.log(4)]) / 3),
        ("the docstring's example, rows [1, 0, 0], [0.5, 0.5, 0], [0, 0, 1]", example, torch.tensor(math.log(2) / 3)),
    ])


def entropy_matches_reference(t, attention_entropy):
    """matches the reference on causal and masked maps with any leading dims"""
    g = torch.Generator().manual_seed(12)
    mask = torch.rand(2, 4, 7, generator=g) > 0.5
    mask[..., 0] = True
    cases = [
        ("causal maps (2, 3, 6, 6)", _causal_softmax(torch.randn(2, 3, 6, 6, generator=g))),
        ("sharp causal maps, some weights underflow to 0 (4, 8, 8)", _causal_softmax(30 * torch.randn(4, 8, 8, generator=g))),
        ("masked maps, T_q = 4 ≠ T_k = 7 (2, 4, 7)",
         torch.softmax(torch.randn(2, 4, 7, generator=g).masked_fill(~mask, float("-inf")), dim=-1)),
        ("one unmasked map, no leading dims (5, 5)", torch.softmax(torch.randn(5, 5, generator=g), -1)),
    ]
    _compare_entropies(t, attention_entropy, [(description, weights, reference.attention_entropy(weights))
                                              for description, weights in cases])


# ---------------------------------------------------------------------------
# head_role

ROLES = ("previous-token", "first-token", "self", "broad")


def _role_shares(weights, *, one_sequence=False, every_row=False, next_token=False, first_from_row_0=False,
                 transposed=False):
    """The mean weight on the previous token, the first token and the token itself, as the
    reference measures them, or with one knob turned."""
    T = weights.size(-1)
    maps = weights.reshape(-1, T, T)
    mean = maps[0] if one_sequence else maps.mean(0)
    mean = mean.T if transposed else mean
    rows = torch.arange(0 if every_row else 2, T)

    def share(keys, of=mean):
        """Mean of of[row, key] over the rows whose key exists."""
        exists = (keys >= 0) & (keys < T)
        return float(of[rows[exists], keys[exists]].mean())

    return {
        "previous-token": share(rows + 1 if next_token else rows - 1),
        "first-token": share(torch.zeros_like(rows), of=mean.T if first_from_row_0 else mean),
        "self": share(rows),
    }


def _role_twin(weights, *, threshold=0.5, at_least=False, **knobs):
    """The reference with one knob turned."""
    shares = _role_shares(weights, **knobs)
    best = max(shares, key=shares.get)
    passes = threshold is None or (shares[best] >= threshold if at_least else shares[best] > threshold)
    return best if passes else "broad"


def _role_mistakes():
    """Each known mistake as a function from weights to the label it gives."""
    return {
        "previous-token read above the diagonal (key t + 1, offset=1): the previous token, key t - 1, is just below it":
            lambda w: _role_twin(w, next_token=True),
        "first-token read from row 0 (weights[0, t]) instead of column 0 (weights[t, 0]): rows are queries, columns keys":
            lambda w: _role_twin(w, first_from_row_0=True),
        "rows and columns swapped (the map transposed): row t is query t, column j is key j":
            lambda w: _role_twin(w, transposed=True),
        "role taken from the first sequence only: average the maps over every leading dim first":
            lambda w: _role_twin(w, one_sequence=True),
        "no 0.5 threshold: a head gets a role only when more than half of its weight goes there, else it is broad":
            lambda w: _role_twin(w, threshold=None),
        "a mean weight of exactly 0.5 taken as a majority: a role needs more than 0.5 (share > 0.5), so 0.5 is broad":
            lambda w: _role_twin(w, at_least=True),
        "rows 0 and 1 counted: there key 0, key t - 1 and key t are not three different keys, so average rows 2..T-1":
            lambda w: _role_twin(w, every_row=True),
    }


def _one_hot_map(T, key_of_row):
    """A causal (T, T) map whose row t puts all its weight on key_of_row(t)."""
    weights = torch.zeros(T, T)
    for row in range(T):
        weights[row, key_of_row(row)] = 1.0
    return weights


def _noisy_maps(shape, boost, seed):
    """Causal softmax maps of random scores, with `boost` added where `boost` (a (T, T) map) is 1."""
    scores = torch.randn(*shape, generator=torch.Generator().manual_seed(seed))
    return _causal_softmax(scores + 4 * boost)


def _leaning_map(T, share):
    """A causal (T, T) map whose rows t >= 2 put `share` on key t - 1 and spread the rest evenly
    over their t other visible keys; rows 0 and 1 are uniform."""
    weights = _causal_softmax(torch.zeros(T, T))
    for row in range(2, T):
        weights[row, : row + 1] = (1 - share) / row
        weights[row, row - 1] = share
    return weights


def _compare_roles(t, head_role, cases):
    """Label every case; at the first wrong label, name the twin that labels every case as the learner did."""
    got = []
    for description, weights in cases:
        role = head_role(weights)
        t.expect(isinstance(role, str) and role in ROLES,
                 f"head_role({description}) returned {role!r}; it should return one of {', '.join(map(repr, ROLES))}")
        got.append(role)
    for (description, weights), role in zip(cases, got):
        want = reference.head_role(weights)
        if role != want:
            same = [name for name, twin in _role_mistakes().items() if [twin(w) for _, w in cases] == got]
            shares = _role_shares(weights)
            t.fail(f"head_role({description}) returned {role!r}, expected {want!r}: over rows 2..T-1 the average map "
                   f"puts {shares['previous-token']:.2f} on key t - 1, {shares['first-token']:.2f} on key 0 and "
                   f"{shares['self']:.2f} on key t", same[0] if same else None)


def role_of_pure_heads(t, head_role):
    """names one-hot previous-token, first-token and self heads, and a near-uniform head broad"""
    T = 8
    _compare_roles(t, head_role, [
        ("one-hot on key t - 1, T = 8", _one_hot_map(T, lambda row: max(row - 1, 0))),
        ("one-hot on key 0, T = 8", _one_hot_map(T, lambda row: 0)),
        ("one-hot on key t, T = 8", _one_hot_map(T, lambda row: row)),
        ("near-uniform causal map, T = 8", _causal_softmax(0.3 * torch.randn(T, T, generator=torch.Generator().manual_seed(T)))),
    ])


def role_of_a_batch(t, head_role):
    """averages the maps over every leading dim before naming the role"""
    T = 10
    mixed = torch.stack([_one_hot_map(6, lambda row: 0), *[_one_hot_map(6, lambda row: max(row - 1, 0))] * 3])
    _compare_roles(t, head_role, [
        ("4 maps, T = 6: the first one-hot on key 0, the other three on key t - 1", mixed),
        ("(16, 10, 10) noisy maps leaning on key t - 1", _noisy_maps((16, T, T), torch.eye(T).roll(-1, dims=1), seed=16)),
        ("(2, 5, 10, 10) noisy maps leaning on key 0", _noisy_maps((2, 5, T, T), torch.eye(T)[0].expand(T, T), seed=25)),
        ("(2, 3, 6, 6) maps: [:, 0] one-hot on key 0, [:, 1:] one-hot on key t - 1",
         torch.stack([mixed[:3], mixed[[0, 1, 1]]])),
    ])


def role_needs_a_majority(t, head_role):
    """calls a head broad unless more than half of its weight (rows 2..T-1) goes to one role"""
    T = 8
    self_late = torch.tensor([[1.0, 0.0, 0.0, 0.0],
                              [0.3, 0.7, 0.0, 0.0],
                              [0.3, 0.25, 0.45, 0.0],
                              [0.25, 0.15, 0.15, 0.45]])  # rows 2, 3: 0.45 on themselves
    _compare_roles(t, head_role, [
        ("0.4 on key t - 1 and the rest spread, T = 8", _leaning_map(T, 0.4)),
        ("exactly 0.5 on key t - 1 and the rest spread, T = 8", _leaning_map(T, 0.5)),
        ("0.45 on key t in rows 2 and 3, more in rows 0 and 1, T = 4", self_late),
    ])


CHECKS["attention_entropy"] = [entropy_of_known_rows, entropy_matches_reference]
CHECKS["head_role"] = [role_of_pure_heads, role_of_a_batch, role_needs_a_majority]
