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

import itertools
import math

import torch

from lessons.attention import reference
from lessons.checking import CheckFailed, remote_facts

# ---------------------------------------------------------------------------
# scaled_dot_product_attention

# What the learner's code may raise on one case without that ending the check: a twin that
# raises the same way on the same cases can still name the mistake (k.T with batch dims).
_CASE_ERRORS = (RuntimeError, IndexError, ValueError, TypeError)


def _softmax_twin(scores, dim, shift, keepdim=True):
    """softmax along `dim`, shifted by each row's maximum ("row", as torch.softmax does), by one
    maximum for the whole tensor ("global"), or not at all ("none"); keepdim=False divides by a
    sum that lost its axis, as e / e.sum(-1) does."""
    if shift == "row" and keepdim:
        return torch.softmax(scores, dim=dim)
    if shift == "row":
        scores = scores - scores.amax(dim, keepdim=True)
    if shift == "global":
        scores = scores - scores.max()
    e = scores.exp()
    return e / e.sum(dim, keepdim=keepdim)


def _sdpa_twin(q, k, v, mask=None, *, scale=None, softmax_dim=-1, shift="row", keepdim=True, mask_after_softmax=False,
               fill=float("-inf"), invert_mask=False, ignore_mask=False, truth_of_mask=False, transpose_k=(-2, -1),
               normalise="row", scale_after_softmax=False, scores_as_weights=False):
    """The reference with one knob turned: each known mistake is one setting (the mask knobs do
    nothing without a mask, so every twin has an output for every case it does not raise on)."""
    d_k = q.size(-1)
    scale = 1 / math.sqrt(d_k) if scale is None else scale
    if transpose_k == "T":  # k.T reverses every dim (written as a permute, which does not warn)
        keys = k.permute(*reversed(range(k.dim())))
    else:
        keys = k.t() if transpose_k == "t()" else k.transpose(*transpose_k)
    scores = q @ keys
    if not scale_after_softmax:
        scores = scores * scale
    if truth_of_mask and mask is not None:
        bool(mask)  # `if mask:` raises for a mask of more than one element
    if ignore_mask:
        mask = None
    if mask is not None and invert_mask:
        mask = ~mask
    if mask is not None and not mask_after_softmax:
        scores = scores.masked_fill(~mask, fill)
    if normalise == "log":
        weights = torch.log_softmax(scores, dim=softmax_dim)
    elif normalise == "all":
        weights = scores.exp() / scores.exp().sum()
    else:
        weights = _softmax_twin(scores, softmax_dim, shift, keepdim)
    if scale_after_softmax:
        weights = weights * scale
    if mask is not None and mask_after_softmax:
        weights = weights.masked_fill(~mask, 0.0)
    if scores_as_weights:
        return weights @ v, scores
    return weights @ v, weights


def _sdpa_mistakes():
    """Each known mistake as a function (q, k, v, mask) -> (out, weights), which may raise."""
    def twin(**knobs):
        return lambda q, k, v, mask: _sdpa_twin(q, k, v, mask, **knobs)

    def scaled(of):
        return lambda q, k, v, mask: _sdpa_twin(q, k, v, mask, scale=of(q, k, v))

    return {
        "scores are not divided by √d_k": twin(scale=1.0),
        "scores divided by d_k instead of √d_k": scaled(lambda q, k, v: 1 / q.size(-1)),
        "scores multiplied by √d_k instead of divided by it": scaled(lambda q, k, v: math.sqrt(q.size(-1))),
        "scores divided by √d_v (v.size(-1)) instead of √d_k (q.size(-1))": scaled(lambda q, k, v: 1 / math.sqrt(v.size(-1))),
        "scores divided by √T_k (the number of keys) instead of √d_k (q.size(-1))": scaled(lambda q, k, v: 1 / math.sqrt(k.size(-2))),
        "scores divided by √T_q (q.size(-2), the number of queries) instead of √d_k (q.size(-1))":
            scaled(lambda q, k, v: 1 / math.sqrt(q.size(-2))),
        "scores divided by √q.shape[1], a fixed axis: d_k only for 2-D inputs, T_q or n_heads once there are batch "
        "dims; use q.size(-1)": scaled(lambda q, k, v: 1 / math.sqrt(q.shape[1])),
        "scores divided by d_k / 2: `d_k ** 1/2` is (d_k ** 1) / 2, since ** binds tighter than /; write "
        "d_k ** 0.5 or math.sqrt(d_k)": scaled(lambda q, k, v: 2 / q.size(-1)),
        "scores divided by 2·d_k: `scores / d_k ** 1/2` is scores / d_k / 2, since ** binds tighter than /; write "
        "scores / d_k ** 0.5 or scores / math.sqrt(d_k)": scaled(lambda q, k, v: 1 / (2 * q.size(-1))),
        "weights divided by √d_k after the softmax instead of the scores before it: rows no longer sum to 1":
            twin(scale_after_softmax=True),
        "softmax over the wrong axis (queries, dim=-2, instead of keys, dim=-1)": twin(softmax_dim=-2),
        "softmax over dim=1, a fixed axis: the keys only for 2-D scores, the queries or a batch dim once there are "
        "batch dims; use dim=-1": twin(softmax_dim=1),
        "softmax over dim=0, the first axis: the queries for 2-D scores, a batch dim once there are batch dims; "
        "use dim=-1": twin(softmax_dim=0),
        "softmax without subtracting the maximum: exp overflows to inf for scores above ~88 and inf / inf is NaN; "
        "subtract each row's maximum (dim=-1, keepdim=True) or use torch.softmax": twin(shift="none"),
        "one maximum for the whole tensor subtracted before exp: rows far below it underflow to 0 / 0 = NaN; "
        "subtract each row's own maximum (dim=-1, keepdim=True)": twin(shift="global"),
        "hand-written softmax divides by e.sum(dim=-1) without keepdim=True: the row sums lose their axis and "
        "broadcast along the wrong one (or fail to); use e.sum(dim=-1, keepdim=True)": twin(keepdim=False),
        "hand-written softmax divides by e.sum(dim=-1) without keepdim=True (and without subtracting the maximum): "
        "the row sums lose their axis and broadcast along the wrong one; use e.sum(dim=-1, keepdim=True)":
            twin(keepdim=False, shift="none"),
        "softmax normalised over the whole tensor (e / e.sum()) instead of each row: every row must sum to 1, "
        "e.sum(dim=-1, keepdim=True)": twin(normalise="all"),
        "weights are log-probabilities (log_softmax): use softmax, whose rows are positive and sum to 1":
            twin(normalise="log"),
        "returns the scores as the weights: return the softmax of the scores, the weights out was made with":
            twin(scores_as_weights=True),
        "k transposed with k.T (or k.t(), k.transpose(0, 1)), which swaps the wrong dims once there are batch dims: "
        "use k.transpose(-2, -1)": (twin(transpose_k="T"), twin(transpose_k="t()"), twin(transpose_k=(0, 1))),
        "k transposed with k.transpose(1, 2), fixed dims: right only for 3-D inputs; use k.transpose(-2, -1)":
            twin(transpose_k=(1, 2)),
        "mask ignored: hidden keys still get weight; set their scores to -inf before the softmax": twin(ignore_mask=True),
        "`if mask:` asks for the truth of a whole tensor, which raises for a mask of more than one element: write "
        "`if mask is not None:`": twin(truth_of_mask=True),
        "mask applied after softmax: masked weights zeroed, rows no longer sum to 1": twin(mask_after_softmax=True),
        "masked scores filled with 0 instead of -inf, so masked keys still get weight": twin(fill=0.0),
        "masked scores filled with +inf instead of -inf: the softmax gives NaN (inf - inf) in those rows":
            twin(fill=float("inf")),
        "mask inverted: True means *may* attend": twin(invert_mask=True),
        "returns (weights, out): the order is (out, weights)": lambda q, k, v, mask: _sdpa_twin(q, k, v, mask)[::-1],
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
        ("2-D, T_q=2 ≠ T_k=5, d_k=4, d_v=3, mask (2, 5)", randn(2, 4), randn(5, 4), randn(5, 3),
         torch.tensor([[True, False, True, True, False], [True, True, False, False, True]])),
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


def _attempt(fn, *args):
    """fn(*args), or the exception it raised (other than NotImplementedError, which is a stub's)."""
    try:
        return fn(*args)
    except NotImplementedError:
        raise
    except _CASE_ERRORS as error:
        return error


def _message(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else ""


def _same_outcome(got, twin, atol):
    """Both raised the same exception (type and message), or both returned pairs that match."""
    if isinstance(got, BaseException) or isinstance(twin, BaseException):
        return type(got).__name__ == type(twin).__name__ and _message(got) == _message(twin)
    return all(isinstance(a, torch.Tensor) and a.shape == b.shape and _close_enough(a, b, atol) for a, b in zip(got, twin))


def _close_enough(a, b, atol):
    a, b = a.detach().double(), b.detach().double()
    both_nan = a.isnan() & b.isnan()
    same_inf = a.isinf() & (a == b)
    return bool(((a - b).abs() <= atol).logical_or(both_nan).logical_or(same_inf).all())


def _sdpa_explanation(cases, differs):
    """A short, certain characterisation of which cases differ: None if nothing simple fits."""
    def tag(description, q, k, v, mask):
        return {"mask": mask is not None, "batch": q.dim() > 2, "large": "±100" in description}

    tags = [tag(*case) for case in cases]
    for key, sentence in (
        ("mask", "every case without a mask matches and the cases with a mask differ: the mask must hide keys "
                 "(True = may attend) by setting their scores to -inf before the softmax"),
        ("batch", "the 2-D cases match and the cases with batch dims differ: leading dims must pass through "
                  "(k.transpose(-2, -1), softmax over dim=-1, d_k = q.size(-1))"),
        ("large", "only the case with scores near ±100 differs: large scores must give the exact softmax too "
                  "(no clamping; against overflow subtract each row's maximum, as torch.softmax does)"),
    ):
        if any(differs) and all(bad == case_tags[key] for bad, case_tags in zip(differs, tags)):
            return sentence
    return None


def sdpa_matches_reference(t, sdpa):
    """out and weights match the reference (batch dims, T_q ≠ T_k, masks, scores near ±100)"""
    cases = _sdpa_cases()
    results = [_attempt(_call_sdpa, t, sdpa, q, k, v, mask) for _, q, k, v, mask in cases]
    wanted = [reference.scaled_dot_product_attention(q, k, v, mask) for _, q, k, v, mask in cases]
    raised = [(description, result) for (description, *_), result in zip(cases, results) if isinstance(result, BaseException)]

    def twin_matches(twin):
        """A twin is one function, or a tuple of ways to write the same mistake (k.T, k.t())."""
        return any(all(_same_outcome(result, _attempt(way, q, k, v, mask), 1e-5)
                       for result, (_, q, k, v, mask) in zip(results, cases))
                   for way in (twin if isinstance(twin, tuple) else (twin,)))

    if raised:
        named = next((name for name, twin in _sdpa_mistakes().items() if twin_matches(twin)), None)
        if named is None:
            raise raised[0][1]
        description, error = raised[0]
        t.fail(f"scaled_dot_product_attention raised {type(error).__name__} [{description}]: {_message(error)}", named)

    # Compare case by case for the message (shape, first differing element), then name a twin that
    # gives the learner's weights and output on every case.
    comparisons = []
    for (description, *_), (out, weights), (want_out, want_weights) in zip(cases, results, wanted):
        comparisons += [(f"weights [{description}]", weights, want_weights), (f"out [{description}]", out, want_out)]
    try:
        t.close_cases(comparisons, atol=1e-5)
    except CheckFailed as failure:
        differs = [not _same_outcome(result, want, 1e-5) for result, want in zip(results, wanted)]
        named = next((name for name, twin in _sdpa_mistakes().items() if twin_matches(twin)), None)
        if named is not None:
            t.fail(failure.message, named)
        weights_right = all(isinstance(w, torch.Tensor) and w.shape == want_w.shape and _close_enough(w, want_w, 1e-5)
                            for (_, w), (_, want_w) in zip(results, wanted))
        hints = []
        if weights_right:
            hints.append("the weights match on every case and only out differs: out = weights @ v, (..., T_q, d_v)")
        else:
            sums = [float((w.sum(-1) - 1).abs().max()) for _, w in results if isinstance(w, torch.Tensor) and w.dim() > 0]
            if sums and max(sums) > 1e-4:
                hints.append("rows of weights do not all sum to 1, as the docstring promises")
        explanation = _sdpa_explanation(cases, differs)
        if explanation:
            hints.append(explanation)
        t.fail(failure.message + "".join(f"; {hint}" for hint in hints))


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
        "diagonal=1 lets each token see the next one too: tril with diagonal=0 stops at the token itself": ones.tril(1),
        "upper triangle: that lets tokens see the future": ones.triu(),
        "True and False swapped: True means *may* attend": ~ones.tril(),
        "shaped (1, 1, T, T) like nanoGPT's buffer: return the (T, T) mask, it broadcasts over (B, n_heads) by itself":
            ones.tril().view(1, 1, T, T),
    }


def causal_mask_pattern(t, causal_mask):
    """True on and below the diagonal, bool, for T = 1, 2, 3, 5, 17"""
    sizes = (3, 5, 17, 2, 1)
    masks = [causal_mask(T) for T in sizes]
    for T, mask in zip(sizes, masks):
        if not isinstance(mask, torch.Tensor):
            kind = t.type_name(mask)
            try:
                pattern_right = torch.equal(torch.as_tensor(mask) != 0, reference.causal_mask(T))
            except (TypeError, ValueError, RuntimeError):
                pattern_right = False
            t.fail(f"causal_mask({T}) should be a torch.Tensor, got {kind}",
                   "the right pattern, but not as a tensor: the docstring promises a bool torch.Tensor; build it with "
                   "torch.ones(T, T, dtype=torch.bool, device=device).tril()" if pattern_right else None)
        # The right staircase in 0s and 1s: the pattern is right, the promised dtype is not.
        if isinstance(mask, torch.Tensor) and mask.dtype != torch.bool and mask.shape == (T, T) \
                and torch.equal(mask.detach().cpu() != 0, reference.causal_mask(T)):
            t.fail(f"causal_mask({T}) has dtype {mask.dtype}, expected torch.bool",
                   "the right pattern, but as 0/1 numbers: the docstring promises a bool tensor (dtype=torch.bool, or "
                   ".bool()); ~mask and masked_fill need one")
    cases = [(f"causal_mask({T})", mask, reference.causal_mask(T)) for T, mask in zip(sizes, masks)]
    try:
        t.close_cases(cases, atol=0, twins=lambda i: _causal_mistakes(sizes[i]))
    except CheckFailed as failure:
        if failure.diagnosis is not None:
            raise
        t.fail(failure.message + _causal_explanation(cases))


def _causal_explanation(cases):
    """"; wrong above the diagonal": where the (T, T) masks of the right shape differ."""
    regions = set()
    for _, mask, want in cases:
        if mask.shape != want.shape:
            return "; the docstring promises a (T, T) tensor"
        T = want.size(0)
        wrong = (mask.detach().cpu() != 0) != want
        rows, columns = torch.arange(T).view(T, 1), torch.arange(T).view(1, T)
        for name, where in (("below the diagonal", rows > columns), ("on the diagonal", rows == columns),
                            ("above the diagonal", rows < columns)):
            if bool((wrong & where).any()):
                regions.add(name)
    order = ["below the diagonal", "on the diagonal", "above the diagonal"]
    return ("; it differs " + " and ".join(r for r in order if r in regions)
            + " (the docstring: True on and below the diagonal, False above it)") if regions else ""


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


def _mha_twin(module, x, *, split_transpose=True, merge_transpose=True, scale=None, causal=None, invert_mask=False,
              transpose_mask=False, project=True, order=(0, 1, 2), what="output"):
    """The reference forward with one knob turned; what="scores" or "weights" gives those instead
    of the output (B, n_heads, T, T)."""
    B, T, C = x.shape
    n_heads = module.n_heads
    parts = module.qkv(x).split(C, dim=-1)
    q, k, v = (parts[i] for i in order)  # order (1, 0, 2): what `k, q, v = ...split(...)` takes
    if split_transpose:
        q, k, v = (z.view(B, T, n_heads, C // n_heads).transpose(1, 2) for z in (q, k, v))
    else:
        q, k, v = (z.reshape(B, n_heads, T, C // n_heads) for z in (q, k, v))
    causal = module.causal if causal is None else causal
    scale = 1 / math.sqrt(C // n_heads) if scale is None else scale
    scores = q @ k.transpose(-2, -1) * scale
    if causal:
        mask = reference.causal_mask(T).T if transpose_mask else reference.causal_mask(T)
        scores = scores.masked_fill(mask if invert_mask else ~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    if what != "output":
        return scores if what == "scores" else weights
    y = weights @ v  # (B, n_heads, T, head_dim)
    y = (y.transpose(1, 2) if merge_transpose else y).reshape(B, T, C)
    return module.proj(y) if project else y


def _mha_mistakes(module, x):
    d_model = x.size(-1)
    head_dim = d_model // module.n_heads
    # The twin that flips `causal` is a missing mask for a causal module, and a mask applied
    # anyway for a module built with causal=False.
    flipped_causal = "causal mask not applied" if module.causal else "causal=False ignored: the causal mask is applied anyway"
    return {
        "heads split with a plain reshape to (B, n_heads, T, head_dim): view as (B, T, n_heads, head_dim), then transpose(1, 2)":
            _mha_twin(module, x, split_transpose=False, merge_transpose=False),
        "heads merged with a plain reshape of (B, n_heads, T, head_dim) to (B, T, d_model): transpose(1, 2) back to "
        "(B, T, n_heads, head_dim) first": _mha_twin(module, x, merge_transpose=False),
        "scores scaled by √d_model instead of √head_dim": _mha_twin(module, x, scale=1 / math.sqrt(d_model)),
        "scores not divided by √head_dim: scale them by 1/√head_dim, head_dim = d_model // n_heads":
            _mha_twin(module, x, scale=1.0),
        "scores divided by head_dim instead of √head_dim": _mha_twin(module, x, scale=1 / head_dim),
        flipped_causal: _mha_twin(module, x, causal=not module.causal),
        "causal mask inverted: masked_fill hides where its mask is True, so hand it ~mask (the future), not the "
        "causal mask itself": _mha_twin(module, x, invert_mask=True),
        "causal mask transposed (the upper triangle, triu): each position sees the future and not the past; "
        "keep the lower triangle, tril": _mha_twin(module, x, transpose_mask=True),
        "output projection self.proj not applied": _mha_twin(module, x, project=False),
        "q and k swapped: self.qkv's output holds q, k, v in that order, q, k, v = self.qkv(x).split(d_model, dim=-1)":
            _mha_twin(module, x, order=(1, 0, 2)),
        "q, k, v taken from self.qkv's output in another order (v first): the order is q, k, v":
            _mha_twin(module, x, order=(2, 1, 0)),
        "q, k, v taken from self.qkv's output in another order (k, v, q): the order is q, k, v":
            _mha_twin(module, x, order=(1, 2, 0)),
        "q, k, v taken from self.qkv's output in another order (v, q, k): the order is q, k, v":
            _mha_twin(module, x, order=(2, 0, 1)),
        "q, k, v taken from self.qkv's output in another order (q, v, k): the order is q, k, v":
            _mha_twin(module, x, order=(0, 2, 1)),
    }


# What a forward that raises says about the mistake, when the message leaves no doubt.
_FORWARD_ERRORS = [
    (RuntimeError, "view size is not compatible with input tensor's size and stride",
     ".view on a tensor that is not contiguous: to split the heads, view (B, T, d_model) as (B, T, n_heads, head_dim) "
     "and then transpose(1, 2); to merge them, call .contiguous() before .view (or use .reshape)"),
    (ValueError, "too many values to unpack (expected 3)",
     "q, k, v unpacked from more than 3 pieces: split(3) cuts pieces of size 3; use self.qkv(x).split(d_model, dim=-1) "
     "or .chunk(3, dim=-1)"),
    (ValueError, "not enough values to unpack (expected 3",
     "q, k, v unpacked from fewer than 3 pieces: split self.qkv(x) along the last dim, split(d_model, dim=-1) "
     "(split and chunk cut dim 0, the batch, by default)"),
]


def _forward(t, module, x):
    """module(x), naming the mistake when it raises one of _FORWARD_ERRORS."""
    try:
        return module(x)
    except NotImplementedError:
        raise
    except (RuntimeError, ValueError) as error:
        for kind, message, diagnosis in _FORWARD_ERRORS:
            if isinstance(error, kind) and message in str(error):
                t.fail(f"forward on x {tuple(x.shape)} raised {type(error).__name__}: {_message(error)}", diagnosis)
        raise


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
            cases.append((f"output [causal={causal}, B={B}, T={T}, d_model={d_model}, n_heads={n_heads}]",
                          _forward(t, mine, x), want(x)))
            inputs.append((want, x))
        try:
            t.close_cases(cases, atol=1e-5, twins=lambda i: _mha_mistakes(*inputs[i]))
        except CheckFailed as failure:
            if failure.diagnosis is not None:
                raise
            t.fail(failure.message + _mha_explanation(cases, shapes))


def _mha_explanation(cases, shapes):
    """"; with one head the output matches, ...": which kind of case differs, when that is clear."""
    differs = [not (isinstance(got, torch.Tensor) and got.shape == want.shape
                    and float((got - want).abs().max()) <= 1e-5) for _, got, want in cases]
    one_head = [n_heads == 1 for *_, n_heads in shapes]
    one_token = [T == 1 for _, T, _, _ in shapes]
    if any(one_head) and not any(d for d, single in zip(differs, one_head) if single) and any(differs):
        return ("; with one head the output matches and with several it differs: look at how the heads are split "
                "(view as (B, T, n_heads, head_dim), then transpose(1, 2)), scaled (by √head_dim) and merged")
    if any(one_token) and all(d != single for d, single in zip(differs, one_token)):
        return ("; only the case with T = 1 matches: a single token attends to itself alone, so look at what "
                "mixes positions (the scores, the mask, the softmax over the keys)")
    shape_wrong = [isinstance(got, torch.Tensor) and got.shape != want.shape for _, got, want in cases]
    if all(shape_wrong):
        return "; forward(x) must return (B, T, d_model), the shape of x"
    return ""


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
            _forward(t, mine, x)
            want(x)
            kept = getattr(mine, "last_attention", None)
            what = f"self.last_attention after a forward on x {tuple(x.shape)}"
            if isinstance(kept, (tuple, list)) and len(kept) == 2 and isinstance(kept[1], torch.Tensor) \
                    and kept[1].shape == want.last_attention.shape and _close_enough(kept[1], want.last_attention, 1e-5):
                t.fail(f"{what} is a {type(kept).__name__} of two tensors, the second the weights",
                       "self.last_attention holds scaled_dot_product_attention's whole (out, weights) pair: keep the "
                       "weights alone, _, weights = ...")
            t.close(kept, want.last_attention, what=what, atol=1e-5,
                    mistakes=lambda: _kept_attention_mistakes(want, x))


def _kept_attention_mistakes(module, x):
    weights = module.last_attention
    return {
        "self.last_attention holds the scores, before the softmax: keep the weights the softmax gives":
            _mha_twin(module, x, what="scores"),
        "self.last_attention averaged over the heads: keep every head's weights, (B, n_heads, T, T)": weights.mean(1),
        "self.last_attention keeps the first head only: keep every head's weights, (B, n_heads, T, T)": weights[:, 0],
        "self.last_attention has the heads flattened into the batch, (B·n_heads, T, T): keep (B, n_heads, T, T)":
            weights.flatten(0, 1),
    }


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


def mha_on_the_device_of_x(t, MultiHeadAttention):
    """runs on the device x and its weights are on (a GPU): what forward makes is made there"""
    mine, _ = _mha_pair(t, MultiHeadAttention, 16, 4)
    x = torch.randn(2, 5, 16, generator=torch.Generator().manual_seed(3))
    _, left_behind, mixed = t.on_a_device(lambda: mine(x))
    t.expect(mixed is None, f"with x and the weights on a GPU, forward would fail: {mixed}",
             "a tensor made in forward stays on the CPU: make it with device=x.device, or once in __init__ "
             "with register_buffer, which .to(device) moves with the weights")
    t.expect(not left_behind, "with x and the weights on a GPU, the output comes back on the CPU")


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
        mha_on_the_device_of_x,
    ],
}


# ---------------------------------------------------------------------------
# rnn_vs_attention_gradient_flow

_FLOW_MODELS = ("rnn", "gru", "attention")


_FLOW_BUILDERS = {
    "rnn": lambda d: torch.nn.RNN(d, d, batch_first=True),
    "gru": lambda d: torch.nn.GRU(d, d, batch_first=True),
    "attention": lambda d: reference.MultiHeadAttention(d, n_heads=1),
}


def _flow_twin(T, d, seed, *, loss_position=None, whole_output=False, shared_input=False, norm_dim=-1,
               input_first=False, order=_FLOW_MODELS, reseed_each=False, seed_used=None, loss_mean=False,
               measure="norm", keep_batch=False, by_distance=False, only=_FLOW_MODELS):
    """The reference with one knob turned, for the models in `only` (all are built, for the seeded draws)."""
    torch.manual_seed(seed if seed_used is None else seed_used)
    x = torch.randn(1, T, d) if input_first else None
    models = {}
    for name in order:
        if reseed_each:
            torch.manual_seed(seed)
        models[name] = _FLOW_BUILDERS[name](d)
    x = torch.randn(1, T, d) if x is None else x
    shared = x.clone().requires_grad_()
    norms = {}
    for name, model in models.items():
        if name not in only:
            continue
        inputs = shared if shared_input else x.clone().requires_grad_()
        y = model(inputs)
        y = y[0] if isinstance(y, tuple) else y
        last = y.sum() if whole_output else y[0, T - 1 if loss_position is None else loss_position]
        loss = last.mean() if loss_mean else last.sum()
        loss.backward()
        grad = inputs.grad if keep_batch else inputs.grad[0]
        result = {"norm": lambda g: g.norm(dim=norm_dim), "squared": lambda g: g.pow(2).sum(-1),
                  "l1": lambda g: g.abs().sum(-1), "gradient": lambda g: g}[measure](grad)
        norms[name] = (result.flip(-1) if by_distance else result).clone()
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
    """Each known mistake as a function giving its twin's result for this setting, or None where it has
    none. Twins cost a few models' forward and backward each, so they run one at a time, only as long
    as they keep matching; the ones that only measure the gradient differently share one run."""
    def run(**knobs):
        return lambda only=_FLOW_MODELS: _flow_twin(T, d, seed, only=only, **knobs)

    gradients = []  # the reference's (1, T, d) gradients, computed on first use

    def measured(measure):
        def twin(only=_FLOW_MODELS):
            if not gradients:
                gradients.append(_flow_twin(T, d, seed, measure="gradient", keep_batch=True))
            return {name: measure(grad) for name, grad in gradients[0].items()}
        return twin

    return {
        "loss over every output position: take only the last one, y[0, T - 1].sum()": run(whole_output=True),
        "loss at the first position instead of the last": run(loss_position=0),
        "one input tensor shared by all models, so gradients accumulate across them: clone x for each model":
            run(shared_input=True),
        "norm taken over positions instead of features: use .norm(dim=-1) on the (T, d) gradient":
            measured(lambda grad: grad[0].norm(dim=0)),
        "x drawn before the models: build RNN, GRU, attention, then x, so the seeded weights match": run(input_first=True),
        "the loss is the mean of the last position's output: take its sum, y[0, T - 1].sum()": run(loss_mean=True),
        "the squared norm: take ‖∂L/∂x[0, t]‖ itself, .norm(dim=-1)": measured(lambda grad: grad[0].pow(2).sum(-1)),
        "the L1 norm (sum of absolute values): take the L2 norm, .norm(dim=-1)": measured(lambda grad: grad[0].abs().sum(-1)),
        "the gradient itself (T, d) instead of its norm: one number per position, .norm(dim=-1)":
            measured(lambda grad: grad[0]),
        "the batch dim kept, (1, T): take inputs.grad[0] before the norm, so each entry is a tensor (T,)":
            measured(lambda grad: grad.norm(dim=-1)),
        "indexed by distance back instead of by position: entry t is position t, the last output's own at T - 1":
            measured(lambda grad: grad[0].norm(dim=-1).flip(0)),
        "seeded again before each model, so they all start from the same random numbers: call "
        "torch.manual_seed(seed) once, before the first": run(reseed_each=True),
        "the seed argument ignored (torch.manual_seed(0) whatever seed is): call torch.manual_seed(seed)": run(seed_used=0),
        **{"models built in another order (" + ", ".join(order) + "): build nn.RNN, nn.GRU, then MultiHeadAttention, so "
           "the seeded weights match": run(order=order)
           for order in itertools.permutations(_FLOW_MODELS) if order != _FLOW_MODELS},
        "the experiment is right, but with your MultiHeadAttention, which differs from the reference's: make "
        "MultiHeadAttention (attention.MultiHeadAttention) pass its checks first":
            lambda only=_FLOW_MODELS: _flow_with_your_attention(t, T, d, seed),
    }


_FLOW_SETTINGS = ((12, 8, 0), (20, 6, 3))


def flow_matches_reference(t, flow):
    """returns the RNN's, GRU's and attention's gradient norm at every position, as the reference does"""
    cases, got_of = [], {}
    for setting in _FLOW_SETTINGS:
        T, d, seed = setting
        got = flow(T, d, seed=seed)
        t.expect(isinstance(got, dict) and set(_FLOW_MODELS) <= set(got),
                 f"should return a dict with keys 'rnn', 'gru', 'attention', got {type(got).__name__}"
                 + (f" with keys {sorted(got)}" if isinstance(got, dict) else ""))
        got_of[setting] = got
        want = reference.rnn_vs_attention_gradient_flow(T, d, seed=seed)
        cases += [(f"'{name}' norms [T={T}, d={d}, seed={seed}]", got[name], want[name], name) for name in _FLOW_MODELS]
    try:
        t.close_cases([case[:3] for case in cases], atol=1e-5)
    except CheckFailed as failure:
        message = failure.message
    else:
        return

    def same(got, twin):
        return twin is not None and all(isinstance(got[name], torch.Tensor) and got[name].shape == twin[name].shape
                                        and _close_enough(got[name], twin[name], 1e-5) for name in twin)

    # A twin names the mistake only if it gives every model's norms in both settings. Twins run one at
    # a time: first the RNN alone in the first setting, which rules most of them out cheaply.
    twins = {setting: _flow_mistakes(t, *setting) for setting in _FLOW_SETTINGS}
    first = _FLOW_SETTINGS[0]
    for diagnosis, twin in twins[first].items():
        if same(got_of[first], twin(only=("rnn",))) and \
                all(same(got_of[setting], twins[setting][diagnosis]()) for setting in _FLOW_SETTINGS):
            t.fail(message, diagnosis)
    T, d, seed = _FLOW_SETTINGS[0]
    again = flow(T, d, seed=seed)
    changes = any(not (isinstance(again.get(name), torch.Tensor) and isinstance(got_of[_FLOW_SETTINGS[0]][name], torch.Tensor)
                       and torch.equal(again[name], got_of[_FLOW_SETTINGS[0]][name])) for name in _FLOW_MODELS)
    t.expect(not changes, message + f"; a second call with T={T}, d={d}, seed={seed} gives other numbers",
             "the result changes from call to call with the same seed: call torch.manual_seed(seed) first, "
             "before building the models")
    wrong = {name for _, got, want, name in cases
             if not (isinstance(got, torch.Tensor) and got.shape == want.shape and _close_enough(got, want, 1e-5))}
    wrong = sorted(wrong, key=_FLOW_MODELS.index)
    t.fail(message + "; " + " and ".join(f"'{name}'" for name in wrong) + (" differs" if len(wrong) == 1 else " differ")
           + ", the other models match" * (len(wrong) < len(_FLOW_MODELS)))


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
        "everything summed into one number: sum -w ln w over each row's keys, then average over the queries, "
        "shape (...)": -w_log_w.sum(),
        "entropy in log base 10: use the natural log, the answer is in nats": -w_log_w.sum(-1).mean(-1) / math.log(10),
        "divided by ln T_k (normalised to [0, 1]): the docstring leaves that out; return the entropy in nats":
            -w_log_w.sum(-1).mean(-1) / math.log(weights.size(-1)),
        "returns e^H, the effective number of keys, instead of the entropy H in nats":
            (-w_log_w.sum(-1)).mean(-1).exp(),
        "one entropy per row, not averaged over the queries: take .mean(dim=-1) of the row entropies, shape (...)":
            -w_log_w.sum(-1),
        "averaged over dim=0, the first axis, instead of the queries (dim=-1): right for one 2-D map only":
            -w_log_w.sum(-1).mean(0),
        "entropy of the average row instead of the average of the rows' entropies: take each row's entropy first, "
        "then the mean over the queries": -torch.special.xlogy(weights.mean(-2), weights.mean(-2)).sum(-1),
    }


def _uniform_row(n, T_k):
    """A row spreading its weight evenly over the first n of T_k keys (the rest masked)."""
    return torch.cat([torch.full((n,), 1 / n), torch.zeros(T_k - n)])


def _causal_softmax(scores):
    T = scores.size(-1)
    return torch.softmax(scores.masked_fill(~reference.causal_mask(T), float("-inf")), dim=-1)


def _compare_entropies(t, attention_entropy, cases):
    """cases: (description, weights, expected entropy); a mistake is named only if its twin gives every answer."""
    answers = [(f"entropy of {description}", attention_entropy(weights), expected) for description, weights, expected in cases]
    try:
        t.close_cases(answers, atol=1e-5, twins=lambda i: _entropy_mistakes(cases[i][1]))
    except CheckFailed as failure:
        if failure.diagnosis is not None:
            raise
        t.fail(failure.message + _entropy_explanation(answers))


def _entropy_explanation(answers):
    """"; every answer is 0.5 times the expected": a common factor or offset, when there is one."""
    pairs = [(got.detach().double().flatten(), expected.double().flatten()) for _, got, expected in answers
             if isinstance(got, torch.Tensor) and got.shape == expected.shape]
    if len(pairs) < len(answers):
        shapes = [f"{tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__} for "
                  f"{tuple(expected.shape)}" for _, got, expected in answers]
        return ("; the shape should be the weights' shape without its last two dims (one number per map); got "
                + ", ".join(shapes))
    got = torch.cat([g for g, _ in pairs])
    expected = torch.cat([e for _, e in pairs])
    if bool(got.isnan().any()):
        return "; some answers are NaN: a key of weight 0 must add exactly 0 (0 · ln 0 = 0)"
    if bool((got < -1e-6).any()):
        return "; some answers are negative: -Σ w ln w is never negative for weights in [0, 1]"
    nonzero = expected.abs() > 1e-3
    if bool(nonzero.any()):
        ratios = got[nonzero] / expected[nonzero]
        factor = float(ratios.mean())
        if float((ratios - factor).abs().max()) < 1e-4 and bool(((got - factor * expected).abs() < 1e-4).all()):
            return f"; every answer is {factor:.4g} times the expected one"
    return ""


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


def _role_shares(weights, *, one_sequence=False, every_row=False, first_row=2, last_row=None, next_token=False,
                 first_from_row_0=False, transposed=False, reduce="mean", every_row_for=None):
    """The mean weight on the previous token, the first token and the token itself, as the
    reference measures them, or with one knob turned. every_row_for: the one role whose share is
    taken over every row (a whole diagonal or column) while the others start at row 2."""
    T = weights.size(-1)
    maps = weights.reshape(-1, T, T)
    mean = maps[0] if one_sequence else maps.mean(0)
    mean = mean.T if transposed else mean
    own_rows = torch.arange(0 if every_row else first_row, T if last_row is None else last_row)

    def share(role, keys_of, of=mean):
        """of[row, key] reduced over the rows whose key exists."""
        rows = torch.arange(0, T) if role == every_row_for else own_rows
        keys = keys_of(rows)
        exists = (keys >= 0) & (keys < T)
        picked = of[rows[exists], keys[exists]]
        return float(picked.sum() if reduce == "sum" else picked.min() if reduce == "min" else picked.mean())

    return {
        "previous-token": share("previous-token", lambda rows: rows + 1 if next_token else rows - 1),
        "first-token": share("first-token", torch.zeros_like, of=mean.T if first_from_row_0 else mean),
        "self": share("self", lambda rows: rows),
    }


def _role_twin(weights, *, threshold=0.5, at_least=False, vote=False, **knobs):
    """The reference with one knob turned."""
    if vote:  # label every sequence's map, then take the most common label
        T = weights.size(-1)
        labels = [_role_twin(one) for one in weights.reshape(-1, T, T)]
        return max(ROLES, key=labels.count)
    shares = _role_shares(weights, **knobs)
    if threshold is None:
        return max(shares, key=shares.get)
    # Where a mistake lets several roles pass, the first in the docstring's order wins, as in a
    # loop over the roles.
    for role, share in shares.items():
        if (share >= threshold if at_least else share > threshold):
            return role
    return "broad"


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
        "each sequence labelled and the most common label taken: average the maps over every leading dim first, "
        "then label the average map": lambda w: _role_twin(w, vote=True),
        "no 0.5 threshold: a head gets a role only when more than half of its weight goes there, else it is broad":
            lambda w: _role_twin(w, threshold=None),
        "a mean weight of exactly 0.5 taken as a majority: a role needs more than 0.5 (share > 0.5), so 0.5 is broad":
            lambda w: _role_twin(w, at_least=True),
        "rows 0 and 1 counted: there key 0, key t - 1 and key t are not three different keys, so average rows 2..T-1":
            lambda w: _role_twin(w, every_row=True),
        "row 1 counted (rows from 1): there key t - 1 is key 0, so average rows 2..T-1 (torch.arange(2, T))":
            lambda w: _role_twin(w, first_row=1),
        "last row left out (rows 2..T-2): average rows 2..T-1, torch.arange(2, T) stops before T":
            lambda w: _role_twin(w, last_row=w.size(-1) - 1),
        "the whole first column averaged (weights[:, 0], rows 0 and 1 included): take key 0 over rows 2..T-1 only":
            lambda w: _role_twin(w, every_row_for="first-token"),
        "the whole diagonal averaged (rows 0 and 1 included) for self: take key t over rows 2..T-1 only":
            lambda w: _role_twin(w, every_row_for="self"),
        "the whole stripe below the diagonal averaged (row 1 included) for previous-token: take key t - 1 over "
        "rows 2..T-1 only": lambda w: _role_twin(w, every_row_for="previous-token"),
        "shares summed over the rows instead of averaged: a share is the mean weight over rows 2..T-1":
            lambda w: _role_twin(w, reduce="sum"),
        "a role given only when every row passes 0.5 (the smallest row's share): the mean over rows 2..T-1 decides":
            lambda w: _role_twin(w, reduce="min"),
    }


def _map(rows):
    """A (T, T) map from its rows, each padded with zeros on the right."""
    T = len(rows)
    return torch.tensor([row + [0.0] * (T - len(row)) for row in rows])


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
        spelled = role.strip().lower().replace("_", "-").replace(" ", "-") if isinstance(role, str) else None
        t.expect(isinstance(role, str) and role in ROLES,
                 f"head_role({description}) returned {role!r}; it should return one of {', '.join(map(repr, ROLES))}",
                 "the right role, spelled differently: return exactly one of the four strings" if
                 spelled == reference.head_role(weights) else None)
        got.append(role)
    for (description, weights), role in zip(cases, got):
        want = reference.head_role(weights)
        if role != want:
            # A twin must label every case of all three checks as the learner does: one check's cases
            # alone do not tell every pair of mistakes apart.
            every_case = _pure_head_cases() + _batch_cases() + _majority_cases()
            labels = [head_role(w) for _, w in every_case]
            same = [name for name, twin in _role_mistakes().items() if [twin(w) for _, w in every_case] == labels]
            shares = _role_shares(weights)
            t.fail(f"head_role({description}) returned {role!r}, expected {want!r}: over rows 2..T-1 the average map "
                   f"puts {shares['previous-token']:.2f} on key t - 1, {shares['first-token']:.2f} on key 0 and "
                   f"{shares['self']:.2f} on key t", same[0] if same else None)


def _pure_head_cases():
    T = 8
    return [
        ("one-hot on key t - 1, T = 8", _one_hot_map(T, lambda row: max(row - 1, 0))),
        ("one-hot on key 0, T = 8", _one_hot_map(T, lambda row: 0)),
        ("one-hot on key t, T = 8", _one_hot_map(T, lambda row: row)),
        ("near-uniform causal map, T = 8", _causal_softmax(0.3 * torch.randn(T, T, generator=torch.Generator().manual_seed(T)))),
    ]


def _batch_cases():
    T = 10
    mixed = torch.stack([_one_hot_map(6, lambda row: 0), *[_one_hot_map(6, lambda row: max(row - 1, 0))] * 3])
    return [
        ("4 maps, T = 6: the first one-hot on key 0, the other three on key t - 1", mixed),
        ("(16, 10, 10) noisy maps leaning on key t - 1", _noisy_maps((16, T, T), torch.eye(T).roll(-1, dims=1), seed=16)),
        ("(2, 5, 10, 10) noisy maps leaning on key 0", _noisy_maps((2, 5, T, T), torch.eye(T)[0].expand(T, T), seed=25)),
        ("(2, 3, 6, 6) maps: [:, 0] one-hot on key 0, [:, 1:] one-hot on key t - 1",
         torch.stack([mixed[:3], mixed[[0, 1, 1]]])),
        ("3 maps, T = 6: two put 0.55 on key t - 1, one is one-hot on key 0 (each alone has a role, the average "
         "has none)", torch.stack([_leaning_map(6, 0.55), _leaning_map(6, 0.55), _one_hot_map(6, lambda row: 0)])),
    ]


def _majority_cases():
    T = 8
    self_late = torch.tensor([[1.0, 0.0, 0.0, 0.0],
                              [0.3, 0.7, 0.0, 0.0],
                              [0.3, 0.25, 0.45, 0.0],
                              [0.25, 0.15, 0.15, 0.45]])  # rows 2, 3: 0.45 on themselves
    return [
        ("0.4 on key t - 1 and the rest spread, T = 8", _leaning_map(T, 0.4)),
        ("exactly 0.5 on key t - 1 and the rest spread, T = 8", _leaning_map(T, 0.5)),
        ("0.45 on key t in rows 2 and 3, more in rows 0 and 1, T = 4", self_late),
        ("0.45 on key 0 in rows 2 and 3, more in rows 0 and 1, T = 4",
         _map([[1.0], [0.9, 0.1], [0.45, 0.3, 0.25], [0.45, 0.2, 0.2, 0.15]])),
        ("0.45 on key t - 1 in rows 2 and 3, 0.9 in row 1, T = 4",
         _map([[1.0], [0.9, 0.1], [0.3, 0.45, 0.25], [0.2, 0.2, 0.45, 0.15]])),
        ("key t - 1: 0.8 in row 2, 0.3 in row 3 (mean 0.55), T = 4",
         _map([[1.0], [0.5, 0.5], [0.1, 0.8, 0.1], [0.3, 0.1, 0.3, 0.3]])),
        ("key t - 1: 0.45 in row 2, 0.9 in row 3 (mean 0.675), T = 4",
         _map([[1.0], [0.5, 0.5], [0.3, 0.45, 0.25], [0.05, 0.0, 0.9, 0.05]])),
        ("at most 0.34 on one role in row 2, row 3 mostly on key 1, T = 4",
         _map([[1.0], [0.5, 0.5], [0.34, 0.33, 0.33], [0.1, 0.8, 0.05, 0.05]])),
    ]


def role_of_pure_heads(t, head_role):
    """names one-hot previous-token, first-token and self heads, and a near-uniform head broad"""
    _compare_roles(t, head_role, _pure_head_cases())


def role_of_a_batch(t, head_role):
    """averages the maps over every leading dim before naming the role"""
    _compare_roles(t, head_role, _batch_cases())


def role_needs_a_majority(t, head_role):
    """calls a head broad unless more than half of its weight (rows 2..T-1) goes to one role"""
    _compare_roles(t, head_role, _majority_cases())


CHECKS["attention_entropy"] = [entropy_of_known_rows, entropy_matches_reference]
CHECKS["head_role"] = [role_of_pure_heads, role_of_a_batch, role_needs_a_majority]
