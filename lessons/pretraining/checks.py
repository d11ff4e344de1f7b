"""Checks for lesson 14: the learner's training machinery against the reference.

The learner's functions get `lessons.fixtures` models, sent by value: a TinyLM (the GPT's
forward on stock layers) with seeded weights shifted away from their initial values, so that
its predictions are far from uniform; a CountingLM also counts its forward passes (in training
mode, with gradients), and a KeepsGradsLM keeps its gradients from one call to the next, as a
model does in one process. Steps use torch.optim.SGD, whose update is the gradient itself,
so that clipping and accumulated gradients show in the weights (Adam's first step is the
same size whatever the gradient's scale). Sampling is compared token for token with the
reference under the same seeded generator. A known mistake is named only when its twin, the
reference with one knob turned, matches the learner on every case of a check; otherwise the
failure says which input differs and how.
"""

import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from lessons.checking import CheckFailed, explicit_weights, first_problem, innermost_function, remote_facts
from lessons.fixtures import CountingLM, KeepsGradsLM, SmoothedLossLM, TinyLM
from lessons.pretraining import reference


def _randn(seed, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def _tokens(seed, vocab_size, *shape):
    return torch.randint(0, vocab_size, shape, generator=torch.Generator().manual_seed(seed))


def _seeded(seed):
    return torch.Generator().manual_seed(seed)


def _tiny_lm(seed, vocab_size=11, block_size=6, dropout=0.0, kind=TinyLM):
    """A TinyLM (or a fixture built on it) with seeded, explicit weights, in training mode."""
    torch.manual_seed(seed)
    model = kind(vocab_size, block_size, dropout=dropout)
    return explicit_weights(model, seed)


def _raised(error):
    """"raised ZeroDivisionError: division by zero at core/train.py:51 in lr_at", the way the judge reports a crash."""
    remote = getattr(error, "remote", None)
    if remote is None:
        return f"raised {type(error).__name__}: {error}"
    at = f" at {remote['where']}" if remote["where"] else ""
    return f"raised {remote['type']}{': ' + remote['message'] if remote['message'] else ''}{at}"


def _raised_type(error):
    """The type name the learner's code raised (UnpicklingError arrives as the grader's LearnerError)."""
    remote = getattr(error, "remote", None)
    return remote["type"] if remote is not None else type(error).__name__


# ---------------------------------------------------------------------------
# cross_entropy


def _ce_twin(logits, targets, *, reduce="mean", sign=1, max_over="row", add_max_back=True, via_softmax=False,
             pick="gather", upcast=True, normaliser="row", softmax_dim=-1):
    """The reference's loss with one knob turned, computed the way the mistake computes it."""
    z = logits.float() if upcast else logits
    if via_softmax:
        log_probs = torch.log(torch.softmax(z, dim=softmax_dim))
        per_row = -log_probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    elif normaliser == "batch":  # one log-sum-exp over every entry of the batch
        per_row = torch.logsumexp(z.reshape(-1), 0) - z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    elif reduce == "log of mean":
        return -torch.log(torch.softmax(z, dim=-1).gather(-1, targets.unsqueeze(-1)).mean())
    else:
        if max_over == "row":
            m = z.max(dim=-1, keepdim=True).values
        elif max_over == "all":
            m = z.max().reshape(1, 1)
        else:  # no max subtracted
            m = torch.zeros(z.size(0), 1, dtype=z.dtype)
        log_sum_exp = torch.log(torch.exp(z - m).sum(dim=-1)) + (m.squeeze(-1) if add_max_back else 0)
        true_logit = z[:, targets] if pick == "columns" else z.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
        per_row = sign * (log_sum_exp - true_logit)
    return {"mean": per_row.mean(), "sum": per_row.sum(), "none": per_row, "over N·V": per_row.sum() / z.numel(),
            "kept dim": per_row.mean().reshape(1), "bits": per_row.mean() / math.log(2)}[reduce]


def _ce_mistakes(logits, targets):
    return {
        "loss summed instead of averaged: take the mean over the N rows": _ce_twin(logits, targets, reduce="sum"),
        "sign flipped: the loss is logsumexp(z) - z[y], which is never negative": _ce_twin(logits, targets, sign=-1),
        "one loss per row: average them to a single number, .mean()": _ce_twin(logits, targets, reduce="none"),
        "the maximum is subtracted but not added back: logsumexp(z) = m + log Σ exp(z - m)":
            _ce_twin(logits, targets, add_max_back=False),
        "logits[:, targets] picks an (N, N) block: row i needs column targets[i], logits.gather(-1, targets.unsqueeze(-1))":
            _ce_twin(logits, targets, pick="columns"),
        "divided by N·V, the number of logits: the mean is over the N rows, one loss per row":
            _ce_twin(logits, targets, reduce="over N·V"),
        "the loss is in bits (log2): use the natural log, torch.log, so that all-equal logits give ln V":
            _ce_twin(logits, targets, reduce="bits"),
        "returns shape (1,): the loss is a 0-dim tensor, .mean() over all the rows without keepdim":
            _ce_twin(logits, targets, reduce="kept dim"),
        "softmax over dim 0, the batch: each row's probabilities are over the vocabulary, dim=-1":
            _ce_twin(logits, targets, via_softmax=True, softmax_dim=0),
        "one log-sum-exp over the whole batch (a sum without dim=-1): each row has its own, summed over its V logits":
            _ce_twin(logits, targets, normaliser="batch"),
        "-log of the mean probability: the loss is the mean of -log p[target] over the rows, not -log of their mean":
            _ce_twin(logits, targets, reduce="log of mean"),
    }


def _ce_overflow_mistakes(logits, targets):
    return {
        "exp overflows without subtracting the row's maximum: logits of 1e4 give inf; use m + log Σ exp(z - m)":
            _ce_twin(logits, targets, max_over="none"),
        "log of softmax probabilities: a probability that underflows to 0 gives log 0 = -inf; use logsumexp(z) - z[y]":
            _ce_twin(logits, targets, via_softmax=True),
        "one maximum for the whole batch: rows far below it underflow to log 0; subtract each row's own maximum (dim=-1)":
            _ce_twin(logits, targets, max_over="all"),
    }


def _ce_loss(t, cross_entropy, logits, targets):
    loss = cross_entropy(logits, targets)
    return _expect_loss_tensor(t, loss)


def _expect_loss_tensor(t, loss):
    t.expect(isinstance(loss, torch.Tensor), f"cross_entropy returned a {type(loss).__name__}, expected a 0-dim tensor",
             "returns a Python number (.item()): return the tensor, so that loss.backward() can run through it"
             if isinstance(loss, (float, int)) else None)
    return loss


_CE_SHAPES = [(6, 11, 3.0), (1, 5, 1.0), (32, 65, 5.0)]  # (N, V, scale of the logits)


def _ce_inputs():
    """(what, logits, targets): seeded batches (N = 1 among them), and the docstring's example (loss 0.2395)."""
    cases = [(f"loss [logits ({N}, {V})]", scale * _randn(seed, N, V), _tokens(seed, V, N))
             for seed, (N, V, scale) in enumerate(_CE_SHAPES)]
    return cases + [("loss of logits [[2, 0, 0]], target 0", torch.tensor([[2.0, 0.0, 0.0]]), torch.tensor([0]))]


def _noted(t, compare, note):
    """Run `compare()` (a t.close_cases); a failure that names no mistake gets `note()` appended, when it says something."""
    try:
        compare()
    except CheckFailed as failure:
        extra = note() if failure.diagnosis is None else None
        t.fail(f"{failure.message}; {extra}" if extra else failure.message, failure.diagnosis)


def _close_lazily(t, cases, *, atol, twins):
    """t.close_cases, with twins that cost a whole generation or two training steps each: `twins(i)` maps a
    diagnosis to a function computing the twin for case i, and a twin is computed for the next case only while
    it has matched the learner on every case before. As in t.close_cases, a mistake is named only when its twin
    matches on every case."""
    try:
        t.close_cases(cases, atol=atol)
    except CheckFailed as failure:
        candidates = None
        for index, (_, got, _) in enumerate(cases):
            thunks = twins(index)
            candidates = [name for name in (thunks if candidates is None else candidates)
                          if name in thunks and _same(got, thunks[name](), atol)]
            if not candidates:
                break
        t.fail(failure.message, candidates[0] if candidates else None)


def _same(got, twin, atol):
    return (isinstance(got, torch.Tensor) and got.shape == twin.shape
            and bool(((got.double() - twin.double()).abs() <= atol).all()))


def _loss_pattern(cases):
    """What every scalar case has in common: "the loss is 1.443 × the reference's on every input", or None."""
    pairs = [(float(got), float(expected)) for _, got, expected in cases
             if isinstance(got, torch.Tensor) and got.numel() == 1 and math.isfinite(float(got))]
    if len(pairs) < len(cases) or len(pairs) < 2:
        return None
    notes = []
    if any(got < -1e-6 for got, _ in pairs):
        notes.append("some losses are negative, and logsumexp(z) - z[y] never is")
    ratios = [got / expected for got, expected in pairs]
    if all(abs(ratio - ratios[0]) <= 1e-4 * abs(ratios[0]) for ratio in ratios) and abs(ratios[0] - 1) > 1e-4:
        notes.append(f"on every input the loss is {ratios[0]:.4g} × the reference's")
    return "; ".join(notes) or None


def ce_matches_reference(t, cross_entropy):
    """matches logsumexp(z) - z[y] averaged over the rows, as a 0-dim tensor"""
    inputs = _ce_inputs()
    cases = [(what, _ce_loss(t, cross_entropy, logits, targets), reference.cross_entropy(logits, targets))
             for what, logits, targets in inputs]
    _noted(t, lambda: t.close_cases(cases, atol=1e-5, twins=lambda i: _ce_mistakes(*inputs[i][1:])),
           lambda: _loss_pattern(cases))


def ce_uniform_is_log_v(t, cross_entropy):
    """all-equal logits give ln V: the loss of a model that knows nothing"""
    for V in (2, 65):
        loss = _ce_loss(t, cross_entropy, torch.zeros(4, V), _tokens(V, V, 4))
        t.close(loss, torch.tensor(math.log(V)), what=f"loss of all-zero logits over {V} tokens", atol=1e-5)


_HUGE_LOGITS = [  # (what, logits, targets): each breaks one way of leaving exp unguarded
    ("the true token 1e4 below the best one (loss 1e4)",  # exp(1e4) overflows; the true token's probability underflows
     [[1e4, 0.0, -1e4, 5.0]], [1]),
    ("every logit near -1e4",  # exp underflows to 0 unless the row's maximum is subtracted
     [[-1e4, -1e4 - 1.0, -1e4 - 2.0, -1e4 - 3.0]], [0]),
    ("two rows 2e4 apart",  # one maximum for the batch underflows the lower row
     [[1e4, 1e4 - 1.0, 1e4 - 2.0, 1e4], [-1e4, -1e4 - 1.0, -1e4, -1e4 - 2.0]], [1, 2]),
]


def ce_stable_for_huge_logits(t, cross_entropy):
    """stays finite and exact for logits of ±1e4"""
    inputs = [(f"loss with {what}", torch.tensor(logits), torch.tensor(targets)) for what, logits, targets in _HUGE_LOGITS]
    cases = [(what, _ce_loss(t, cross_entropy, logits, targets), reference.cross_entropy(logits, targets))
             for what, logits, targets in inputs]
    t.close_cases(cases, atol=1e-2, twins=lambda i: _ce_overflow_mistakes(*inputs[i][1:]))


_NO_GRAPH = "the output does not require grad"  # what t.grad_call reports for an output with no grad_fn


def ce_gradient(t, cross_entropy):
    """backward reaches the logits: the gradient is (softmax - one-hot) / N"""
    logits, targets = 2.0 * _randn(7, 5, 9), _tokens(7, 9, 5)
    mine = logits.clone().requires_grad_(True)
    loss, problem = t.grad_call(cross_entropy, mine, targets)
    _expect_loss_tensor(t, loss)
    cut_off = problem == _NO_GRAPH  # a loss that is not part of the graph; any other problem is reported as it is
    t.expect(problem is None, f"no backward pass from the loss of logits (5, 9): {problem}",
             "the loss is cut off from the graph (.detach(), torch.no_grad() or a new tensor): loss.backward() must reach the logits"
             if cut_off else None)
    expected = (torch.softmax(logits, dim=-1) - F.one_hot(targets, 9).float()) / 5
    t.close(mine.grad, expected, what="gradient of the loss with respect to the logits (5, 9)", atol=1e-6)


_BF16_SHAPES = [(64, 65), (5, 11)]  # (N, V): two batches of bf16 logits, a twin must match on both


def _bf16_mistakes(logits, targets):
    return {
        "computed in bf16 and converted at the end: the sums lose bf16's digits; convert the logits first (z = logits.float())":
            _ce_twin(logits, targets, upcast=False).float(),
    }


def ce_bfloat16_in_float32(t, cross_entropy):
    """bf16 logits (autocast's) are computed in float32"""
    inputs = [(f"loss of bfloat16 logits ({N}, {V})", (4.0 * _randn(8 + i, N, V)).bfloat16(), _tokens(8 + i, V, N))
              for i, (N, V) in enumerate(_BF16_SHAPES)]
    cases = []
    for what, logits, targets in inputs:
        loss = _ce_loss(t, cross_entropy, logits, targets)
        t.expect(loss.dtype in (torch.float32, torch.float64), f"the {what} has dtype {loss.dtype}, expected torch.float32",
                 "bf16 logits give a bf16 loss: compute it in float32 (z = logits.float()) and return that, as autocast expects"
                 if loss.dtype in (torch.bfloat16, torch.float16) else None)
        cases.append((what, loss, reference.cross_entropy(logits, targets)))
    t.close_cases(cases, atol=1e-4, twins=lambda i: _bf16_mistakes(*inputs[i][1:]))


# ---------------------------------------------------------------------------
# lr_at


def _schedule_twin(step, warmup, max_steps, max_lr, min_lr, *, warmup_from=1, warmup_extra=0, floor=True,
                   decay_start=None, shape="cosine", to=None, warmup_until=None, warmup_base=0.0, span=None):
    """The reference schedule with one knob turned (see _lr_mistakes for what each knob is)."""
    end = min_lr if to is None else to
    if step < warmup or (warmup_until == "warmup inclusive" and step == warmup):
        if shape == "integer warm-up":
            return max_lr * ((step + warmup_from) // warmup)
        return warmup_base + (max_lr - warmup_base) * (step + warmup_from) / (warmup + warmup_extra)
    if floor and step >= max_steps:
        return end
    start = warmup if decay_start is None else decay_start
    r = (step - start) / (max_steps - start if span is None else span)
    cosine = 0.5 * (1 + math.cos(math.pi * r))
    if shape == "linear":
        return end + (1 - r) * (max_lr - end)
    if shape == "bare cosine":
        return end + math.cos(math.pi * r) * (max_lr - end)
    if shape == "cos without pi":
        return end + 0.5 * (1 + math.cos(r)) * (max_lr - end)
    if shape == "rises":
        return max_lr + cosine * (end - max_lr)
    if shape == "no offset":
        return cosine * (max_lr - end)
    if shape == "range max_lr":
        return end + cosine * max_lr
    return end + cosine * (max_lr - end)


def _lr_mistakes(steps, *setting):
    def twin(**knob):
        return torch.tensor([_schedule_twin(step, *setting, **knob) for step in steps], dtype=torch.float64)

    return {
        "warm-up is off by one: step 0 should train at max_lr / warmup, lr = max_lr · (step + 1) / warmup (yours starts at 0)":
            twin(warmup_from=0),
        "warm-up divides by warmup + 1: lr = max_lr · (step + 1) / warmup reaches max_lr at step warmup - 1":
            twin(warmup_extra=1),
        "decays to 0, not to min_lr: lr = min_lr + ½·(1 + cos(π·r))·(max_lr - min_lr)": twin(to=0.0),
        "the cosine counts from step 0: r = (step - warmup) / (max_steps - warmup) starts the decay where warm-up ends":
            twin(decay_start=0),
        "after max_steps the cosine turns back up: return min_lr from step max_steps on": twin(floor=False),
        "½·(1 + cos(π·r)) missing: cos(π·r) alone goes from 1 to -1, and the rate falls below min_lr": twin(shape="bare cosine"),
        "decays in a straight line: the decay follows ½·(1 + cos(π·r)) from max_lr to min_lr": twin(shape="linear"),
        "the decay's progress divides by max_steps: r = (step - warmup) / (max_steps - warmup) reaches 1 at max_steps":
            twin(span=setting[1]),
        "cos(r) without π: ½·(1 + cos(π·r)) falls from 1 to 0 as r goes from 0 to 1": twin(shape="cos without pi"),
        "max_lr and min_lr swapped in the decay: lr = min_lr + ½·(1 + cos(π·r))·(max_lr - min_lr) falls from max_lr":
            twin(shape="rises"),
        "min_lr not added to the cosine, so the decay ends at 0: lr = min_lr + ½·(1 + cos(π·r))·(max_lr - min_lr)": twin(shape="no offset"),
        "the cosine spans max_lr, not max_lr - min_lr: it then starts at max_lr + min_lr; use (max_lr - min_lr)":
            twin(shape="range max_lr"),
        "step = warmup still warms up (step <= warmup): warm-up is step < warmup, and the decay starts at step = warmup":
            twin(warmup_until="warmup inclusive"),
        "warm-up starts from min_lr: it is the line lr = max_lr · (step + 1) / warmup, from max_lr / warmup up":
            twin(warmup_base=setting[3]),
        "integer division in the warm-up ((step + 1) // warmup is 0 until the last step): divide with /":
            twin(shape="integer warm-up"),
    }


_LR_SETTINGS = [(10, 100, 1e-3, 1e-4), (100, 2000, 6e-4, 6e-5), (3, 20, 1.0, 0.1)]  # warmup, max_steps, max_lr, min_lr


def _lr_steps(warmup, max_steps):
    middle = (warmup + max_steps) // 2
    return sorted({0, 1, warmup // 2, warmup - 1, warmup, warmup + 1, middle, max_steps - 1, max_steps,
                   max_steps + 1, max_steps + (max_steps - warmup) // 2, 2 * max_steps})


def _lr_value(t, lr_at, *args):
    lr = lr_at(*args)
    t.expect(isinstance(lr, float), f"lr_at{args} returned a {type(lr).__name__}, expected a Python float",
             "returns a tensor: use math.cos and return a plain float, which is what an optimiser's param_groups hold"
             if isinstance(lr, torch.Tensor) else None)
    return lr


def lr_returns_float(t, lr_at):
    """returns a Python float"""
    for step in (0, 5, 50, 100):
        _lr_value(t, lr_at, step, 10, 100, 1e-3, 1e-4)


def lr_matches_schedule(t, lr_at):
    """warms up linearly to max_lr, decays along a cosine to min_lr at max_steps, then stays there"""
    cases = []
    for setting in _LR_SETTINGS:
        steps = _lr_steps(*setting[:2])
        got = torch.tensor([_lr_value(t, lr_at, step, *setting) for step in steps], dtype=torch.float64)
        expected = torch.tensor([reference.lr_at(step, *setting) for step in steps], dtype=torch.float64)
        cases.append((f"lr_at(step, warmup={setting[0]}, max_steps={setting[1]}, max_lr={setting[2]}, min_lr={setting[3]}) "
                      f"/ max_lr for steps {steps}", got / setting[2], expected / setting[2]))  # one tolerance for every max_lr
    _noted(t, lambda: t.close_cases(cases, atol=1e-6,  # float32 arithmetic is fine
                                    twins=lambda i: {name: twin / _LR_SETTINGS[i][2] for name, twin
                                                     in _lr_mistakes(_lr_steps(*_LR_SETTINGS[i][:2]), *_LR_SETTINGS[i]).items()}),
           lambda: _lr_phases(cases))


_PHASES = ("the warm-up (step < warmup)", "the decay (warmup <= step < max_steps)", "the floor (step >= max_steps)")


def _lr_phases(cases):
    """"wrong only in the decay (...), right elsewhere": the docstring's cases that the wrong steps fall in."""
    wrong = set()
    for (_, got, expected), (warmup, max_steps, *_) in zip(cases, _LR_SETTINGS):
        for step, a, b in zip(_lr_steps(warmup, max_steps), got.tolist(), expected.tolist()):
            if not abs(a - b) <= 1e-6:
                wrong.add(0 if step < warmup else 1 if step < max_steps else 2)
    if not wrong or len(wrong) == len(_PHASES):
        return None
    right = [phase for index, phase in enumerate(_PHASES) if index not in wrong]
    return (f"wrong only in {' and '.join(_PHASES[index] for index in sorted(wrong))}; "
            f"{' and '.join(right)} {'is' if len(right) == 1 else 'are'} right")


def _lr_edge(t, lr_at, args, diagnosis):
    try:
        return _lr_value(t, lr_at, *args)
    except ZeroDivisionError as error:
        t.fail(f"lr_at{args} {_raised(error)}", diagnosis)


def lr_edge_cases(t, lr_at):
    """warmup = 0 starts at max_lr; max_steps <= warmup skips the decay (no division by zero)"""
    for step, expected in ((0, 1e-3), (50, 5.5e-4), (100, 1e-4)):
        lr = _lr_edge(t, lr_at, (step, 0, 100, 1e-3, 1e-4),
                      "warmup = 0 divides by zero: test step < warmup first, which is never true without warm-up")
        t.expect(math.isclose(lr, expected, rel_tol=1e-6), f"lr_at({step}, 0, 100, 1e-3, 1e-4) is {lr:.6g}, expected {expected:g}")
    for step, expected in ((9, 1e-3), (10, 1e-4), (11, 1e-4)):
        lr = _lr_edge(t, lr_at, (step, 10, 10, 1e-3, 1e-4),
                      "max_steps = warmup divides by zero: return min_lr for step >= max_steps before computing the cosine")
        t.expect(math.isclose(lr, expected, rel_tol=1e-6), f"lr_at({step}, 10, 10, 1e-3, 1e-4) is {lr:.6g}, expected {expected:g}")
    _lr_warmup_past_max_steps(t, lr_at)


def _lr_warmup_past_max_steps(t, lr_at):
    """max_steps (5) < warmup (10): the docstring's first case, step < warmup, still warms up to step 9."""
    steps = range(12)
    got = [_lr_edge(t, lr_at, (step, 10, 5, 1e-3, 1e-4), None) for step in steps]
    expected = [reference.lr_at(step, 10, 5, 1e-3, 1e-4) for step in steps]
    wrong = [step for step in steps if not math.isclose(got[step], expected[step], rel_tol=1e-6)]
    if not wrong:
        return
    # The floor tested before warm-up: exactly the steps in [max_steps, warmup) give min_lr, every other step is right.
    floor_first = wrong == list(range(5, 10)) and all(math.isclose(got[step], 1e-4, rel_tol=1e-6) for step in wrong)
    step = wrong[0]
    t.fail(f"lr_at({step}, 10, 5, 1e-3, 1e-4) is {got[step]:.6g}, expected {expected[step]:g} (warmup=10 > max_steps=5: "
           f"steps below warmup follow lr = max_lr · (step + 1) / warmup; wrong at steps {wrong})",
           "min_lr tested before warm-up: with max_steps < warmup the steps from max_steps to warmup - 1 get min_lr; "
           "test step < warmup first" if floor_first else None)


# ---------------------------------------------------------------------------
# train_step

_CE_DIAGNOSIS = "your cross_entropy (train.cross_entropy) does not pass yet; train_step builds on it"
_CLIP = 0.05  # below the tiny model's gradient norm (about 1), so clipping always acts
_LR = 0.5  # SGD's step: large enough that every mistake moves the weights visibly


def _step_batches(vocab_size=11, B=3, T=6):
    return [(_tokens(10 + i, vocab_size, B, T), _tokens(20 + i, vocab_size, B, T)) for i in range(2)]


def _manual_norm(grads, norm):
    """A hand-written 'global' norm: the sum of the per-parameter norms, or the sum of squares left unrooted."""
    if norm == "sum of norms":
        return sum(float(g.norm()) for g in grads)
    return sum(float((g ** 2).sum()) for g in grads)


def _step_twin(model, optimizer, x, y, grad_clip, *, zero_grad=True, clip="before step", report="before clipping",
               update=True, shift=False, norm="L2", loss_from="before step"):
    """reference.train_step with one knob turned; returns (loss, grad_norm) as floats."""
    if zero_grad:
        optimizer.zero_grad(set_to_none=True)
    if clip == "before backward":
        grad_norm = nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
    logits, _ = model(x)
    if shift:  # y is already the next token; shifting again pairs x[:, t] with the token two ahead
        logits, y = logits[:, :-1], y[:, 1:]
    loss = reference.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
    loss.backward()
    limit = grad_clip if grad_clip else math.inf
    if norm in ("sum of norms", "squared"):  # clipped by hand: scaled by grad_clip / norm when the norm exceeds it
        grads = [p.grad for p in model.parameters() if p.grad is not None]
        grad_norm = _manual_norm(grads, norm)
        if grad_norm > limit:
            for g in grads:
                g.mul_(limit / grad_norm)
    elif clip == "before step":
        grad_norm = nn.utils.clip_grad_norm_(model.parameters(), limit, norm_type=math.inf if norm == "max" else 2.0)
        if report == "after clipping":
            grad_norm = nn.utils.clip_grad_norm_(model.parameters(), math.inf)
    elif clip == "only None is off":
        grad_norm = nn.utils.clip_grad_norm_(model.parameters(), math.inf if grad_clip is None else grad_clip)
    elif clip in ("never", "by value", "per parameter"):
        grad_norm = nn.utils.clip_grad_norm_(model.parameters(), math.inf)
        if clip == "by value":
            nn.utils.clip_grad_value_(model.parameters(), limit)
        elif clip == "per parameter":
            for p in model.parameters():
                nn.utils.clip_grad_norm_(p, limit)
    if update:
        optimizer.step()
    if clip == "after step":
        grad_norm = nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
    if loss_from == "after step":
        with torch.no_grad():
            logits, _ = model(x)
            loss = reference.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
    return loss.item(), float(grad_norm)


def _run_steps(step, seed, grad_clip, **knobs):
    """Two SGD steps of `step` (train_step or a twin) on a fresh KeepsGradsLM, whose gradients stay
    on it from the first step to the second: (losses and norms, weights after)."""
    model = _tiny_lm(seed, kind=KeepsGradsLM)
    optimizer = torch.optim.SGD(model.parameters(), lr=_LR)
    results = []
    for x, y in _step_batches():
        results.extend(step(model, optimizer, x, y, grad_clip, **knobs))
    weights = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
    return torch.tensor(results, dtype=torch.float64), weights


def _expect_floats(t, result, grad_clip):
    t.expect(isinstance(result, tuple) and len(result) == 2,
             f"train_step returned {type(result).__name__}, expected a tuple (loss, grad_norm)")
    kinds = ", ".join(type(value).__name__ for value in result)
    t.expect(not any(isinstance(value, torch.Tensor) for value in result), f"train_step returned ({kinds}), expected two floats",
             "returns tensors: return loss.item() and float(grad_norm), plain numbers the training loop can log")
    t.expect(all(isinstance(value, float) for value in result), f"train_step returned ({kinds}), expected two floats",
             "no grad_norm when there is nothing to clip: measure it anyway, clip_grad_norm_ with max_norm = math.inf"
             if not grad_clip and result[1] is None else None)
    return result


def _learner_steps(t, train_step, seed, grad_clip):
    """What _run_steps gives, from the learner's train_step."""
    return _run_steps(lambda *args: _expect_floats(t, train_step(*args), grad_clip), seed, grad_clip)


def step_uses_passing_cross_entropy(t, train_step):
    """your cross_entropy passes its checks"""
    model = _tiny_lm(0)
    x, y = _step_batches()[0]
    try:  # a stub train_step is "not implemented", whatever cross_entropy does
        train_step(model, torch.optim.SGD(model.parameters(), lr=_LR), x, y, _CLIP)
    except NotImplementedError as error:
        if innermost_function(error) == "train_step":
            raise
    except Exception:  # noqa: BLE001 - the checks below say what is wrong
        pass
    problem = first_problem(t, "cross_entropy", CHECKS["cross_entropy"], t.learner("train", "cross_entropy"))
    if problem is not None:
        t.fail(problem, _CE_DIAGNOSIS)


def _first_loss(step, kind=SmoothedLossLM):
    """The loss one call of `step` reports on a fresh fixture model, as a 1-element tensor."""
    model = _tiny_lm(5, kind=kind)
    x, y = _step_batches()[0]
    loss, _ = step(model, torch.optim.SGD(model.parameters(), lr=_LR), x, y, _CLIP)
    return torch.tensor([float(loss)], dtype=torch.float64)


def step_uses_this_files_cross_entropy(t, train_step):
    """the loss is this file's cross_entropy on model(x)'s logits, not the model's own loss"""
    def models_own_loss():
        model = _tiny_lm(5, kind=SmoothedLossLM)
        x, y = _step_batches()[0]
        return {"the loss is the model's own, model(x, y): call model(x) and compute this file's cross_entropy on its logits":
                model(x, y)[1].detach().double().reshape(1)}

    t.close(_first_loss(lambda *args: _expect_floats(t, train_step(*args), _CLIP)), _first_loss(reference.train_step),
            what="the loss of one step on a model whose own loss (forward with targets) is label-smoothed",
            atol=1e-5, mistakes=models_own_loss)


def step_returns_floats(t, train_step):
    """returns (loss, grad_norm) as Python floats; a fresh model's first loss is close to ln(vocab_size)"""
    x, y = _step_batches()[0]
    got, expected = [], []
    for seed in (0, 1):
        for step, results in ((train_step, got), (reference.train_step, expected)):
            torch.manual_seed(seed)
            model = TinyLM(11, 6)  # default initialisation: a first guess close to uniform
            results.append(_expect_floats(t, step(model, torch.optim.SGD(model.parameters(), lr=_LR), x, y, _CLIP), _CLIP))
    swapped = all(abs(loss - want_norm) <= 1e-5 and abs(norm - want_loss) <= 1e-5
                  for (loss, norm), (want_loss, want_norm) in zip(got, expected))
    loss = got[0][0]
    t.expect(abs(loss - math.log(11)) < 0.1, f"the first loss of a fresh model is {loss:.3f}, expected about ln 11 = {math.log(11):.3f}",
             "returns (grad_norm, loss): the docstring's order is (loss, grad_norm)" if swapped else None)


def _step_mistakes(seed, grad_clip, part, moved=True):
    """Diagnosis -> a function computing the twin's (losses and norms) when part is 0, its weights when part is 1. A small change of
    the learning rate also keeps the weights within tolerance of where they were: the step left out is named
    only when the learner's weights did not move at all (`moved` False)."""
    def twin(**knob):
        return lambda: _run_steps(_step_twin, seed, grad_clip, **knob)[part]

    standing_still = {} if moved else {
        "the weights did not move: optimizer.step() after loss.backward(), and zero_grad only before the forward pass":
            twin(update=False)}
    return standing_still | {
        "grad_norm measured after clipping: it can never exceed grad_clip; report the norm clip_grad_norm_ returns, from before":
            twin(report="after clipping"),
        # the weights alone cannot tell clipping before backward from never clipping: its grad_norm of 0 (part 0) can
        **({} if part == 1 else {
            "clipped before loss.backward(): there are no gradients yet (grad_norm 0); clip between backward and optimizer.step()":
                twin(clip="before backward")}),
        "gradients add up across calls: start with optimizer.zero_grad(set_to_none=True)":
            twin(zero_grad=False),
        "gradients not clipped before optimizer.step(): clip_grad_norm_(model.parameters(), grad_clip) goes between backward and step":
            twin(clip="never"),
        "gradients clipped element by element (clip_grad_value_): clip their global L2 norm, clip_grad_norm_":
            twin(clip="by value"),
        "each parameter's gradient clipped on its own: clip the norm of all of them together, "
        "clip_grad_norm_(model.parameters(), grad_clip)": twin(clip="per parameter"),
        "the 'global' norm is the sum of the parameters' norms: it is the square root of the sum of all squared "
        "gradients, what clip_grad_norm_ returns": twin(norm="sum of norms"),
        "the norm is never square-rooted: the L2 norm is sqrt(Σ g²), what clip_grad_norm_ returns":
            twin(norm="squared"),
        "the norm is the largest gradient element (norm_type=inf): the docstring's norm is the L2 norm, clip_grad_norm_'s default":
            twin(norm="max"),
        "the targets are shifted again: y[:, t] is already the token after x[:, t]; compare logits (B·T, V) with y (B·T,) as they are":
            twin(shift=True),
        "the loss reported is recomputed after optimizer.step(): report the loss the gradients came from":
            twin(loss_from="after step"),
    }


def _initial_weights(seed):
    """The weights _run_steps starts from."""
    return torch.cat([p.detach().reshape(-1) for p in _tiny_lm(seed, kind=KeepsGradsLM).parameters()])


_STEP_SEEDS = (0, 1)


def step_loss_and_norm(t, train_step):
    """loss and grad_norm of two steps match the reference; grad_norm is measured before clipping"""
    runs = [_learner_steps(t, train_step, seed, _CLIP) for seed in _STEP_SEEDS]
    moved = any(not torch.equal(weights, _initial_weights(seed)) for (_, weights), seed in zip(runs, _STEP_SEEDS))
    cases = [(f"(loss, grad_norm) of two steps [seed {seed}, grad_clip={_CLIP}]", run[0], _run_steps(reference.train_step, seed, _CLIP)[0])
             for run, seed in zip(runs, _STEP_SEEDS)]
    _noted(t, lambda: _close_lazily(t, cases, atol=1e-5, twins=lambda i: _step_mistakes(_STEP_SEEDS[i], _CLIP, 0, moved)),
           lambda: _which_numbers_differ(cases))


def _which_numbers_differ(cases):
    """"only the grad_norms differ" / "only the second step's numbers differ": which entries of (loss, norm, loss, norm) are off."""
    wrong = {index for _, got, expected in cases if isinstance(got, torch.Tensor) and got.shape == expected.shape
             for index in range(len(expected)) if not abs(float(got[index]) - float(expected[index])) <= 1e-5}
    if wrong and wrong <= {1, 3}:
        return "the losses are right, only the grad_norms differ (the L2 norm of all gradients, before clipping)"
    if wrong and wrong <= {0, 2}:
        return "the grad_norms are right, only the losses differ"
    if wrong and wrong <= {2, 3}:
        return "the first step is right, only the second differs: what the first step leaves behind changes the second"
    return None


def step_updates_weights(t, train_step):
    """the weights after two steps match the reference: zero_grad, forward, backward, clip, step"""
    runs = [_learner_steps(t, train_step, seed, _CLIP)[1] for seed in _STEP_SEEDS]
    moved = any(not torch.equal(weights, _initial_weights(seed)) for weights, seed in zip(runs, _STEP_SEEDS))
    cases = [(f"weights after two SGD steps [seed {seed}, grad_clip={_CLIP}]", weights, _run_steps(reference.train_step, seed, _CLIP)[1])
             for weights, seed in zip(runs, _STEP_SEEDS)]
    _close_lazily(t, cases, atol=1e-5, twins=lambda i: _step_mistakes(_STEP_SEEDS[i], _CLIP, 1, moved))


def _stale_step(step, grad_clip, **knobs):
    """One SGD step of `step` on a KeepsGradsLM that arrives with gradients already on it (an
    evaluation's backward, a step before): (grad_norm then the weights after, in one vector)."""
    model = _tiny_lm(4, kind=KeepsGradsLM)
    for index, parameter in enumerate(model.parameters()):
        parameter.grad = 0.5 * _randn(100 + index, *parameter.shape)
    optimizer = torch.optim.SGD(model.parameters(), lr=_LR)
    x, y = _step_batches()[0]
    _, grad_norm = step(model, optimizer, x, y, grad_clip, **knobs)
    weights = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
    return torch.cat([torch.tensor([grad_norm], dtype=weights.dtype), weights])


_STALE_CLIPS = (None, _CLIP)


def _stale_mistakes(grad_clip):
    return {
        "gradients already on the model add into this step: zero them first, optimizer.zero_grad(set_to_none=True) "
        "before the forward pass (clearing them after the step is too late for the first one)":
            _stale_step(_step_twin, grad_clip, zero_grad=False),
    }


def step_clears_old_gradients(t, train_step):
    """gradients the caller left on the model do not add into the step (zero_grad comes first)"""
    cases = [(f"grad_norm, then the weights, after one step of a model that arrives with gradients on it "
              f"[grad_clip={grad_clip}]", _stale_step(lambda *args: _expect_floats(t, train_step(*args), grad_clip), grad_clip),
              _stale_step(reference.train_step, grad_clip)) for grad_clip in _STALE_CLIPS]
    t.close_cases(cases, atol=1e-5, twins=lambda i: _stale_mistakes(_STALE_CLIPS[i]))


_NO_CLIPPING = (None, 0, 0.0)


def _no_clipping_mistakes(grad_clip):
    return {
        "grad_clip=0 clips every gradient to zero: None and 0 mean no clipping (max_norm = math.inf)":
            _run_steps(_step_twin, 2, grad_clip, clip="only None is off")[1],
    }


def step_without_clipping(t, train_step):
    """grad_clip None or 0 leaves the gradients alone and still reports their norm"""
    runs = []
    for grad_clip in _NO_CLIPPING:
        try:
            runs.append(_learner_steps(t, train_step, 2, grad_clip))
        except TypeError as error:
            if grad_clip is not None:
                raise
            t.fail(f"train_step(..., grad_clip=None) {_raised(error)}",
                   "grad_clip=None crashes: None and 0 mean no clipping (measure with max_norm = math.inf)")
    expected = [_run_steps(reference.train_step, 2, grad_clip) for grad_clip in _NO_CLIPPING]
    t.close_cases([(f"weights after two steps with grad_clip={grad_clip}", got[1], want[1])
                   for grad_clip, got, want in zip(_NO_CLIPPING, runs, expected)],
                  atol=1e-5, twins=lambda i: _no_clipping_mistakes(_NO_CLIPPING[i]))
    t.close_cases([(f"(loss, grad_norm) of two steps with grad_clip={grad_clip}", got[0], want[0])
                   for grad_clip, got, want in zip(_NO_CLIPPING, runs, expected)], atol=1e-5)


def step_leaves_mode_and_lr(t, train_step):
    """leaves the model's mode and the learning rate as the caller set them"""
    x, y = _step_batches()[0]
    for training in (False, True):
        model = _tiny_lm(3, kind=KeepsGradsLM).train(training)
        optimizer = torch.optim.SGD(model.parameters(), lr=_LR)
        _expect_floats(t, train_step(model, optimizer, x, y, _CLIP), _CLIP)
        calls, in_training, _ = model.passes.tolist()
        mode = "training" if training else "eval"
        t.expect(calls > 0, "train_step never called the model")
        t.expect(in_training == (calls if training else 0) and model.training == training,
                 f"a model handed over in {mode} mode ran {in_training} of its {calls} forward passes in training mode "
                 f"and came back in {'training' if model.training else 'eval'} mode",
                 "train_step sets the model's mode: model.train() and model.eval() are the caller's to call")
        lr = optimizer.param_groups[0]["lr"]
        t.expect(lr == _LR, f"the optimizer's learning rate came back as {lr}; the caller had set it to {_LR}",
                 "train_step sets the learning rate: the training loop sets group[\"lr\"] (from lr_at) before each call; "
                 "leave optimizer.param_groups alone")


# ---------------------------------------------------------------------------
# generate


def _top_k(logits, k):
    kept, where = torch.topk(logits, min(k, logits.size(-1)))
    return torch.full_like(logits, -math.inf).scatter(-1, where, kept)


def _top_p(logits, top_p, nucleus, sort):
    """The reference's nucleus (nucleus "mass above", sort "descending") or one of its mistakes."""
    if sort == "none":  # the mass accumulated in vocabulary order
        ranked, order = logits, torch.arange(logits.size(-1)).expand_as(logits)
    else:
        ranked, order = torch.sort(logits, dim=-1, descending=sort == "descending")
    probs = F.softmax(ranked, dim=-1)
    mass = probs.cumsum(dim=-1) - (probs if nucleus != "cumulative" else 0)
    drop = mass >= top_p if nucleus != "cumulative" else mass > top_p
    drop[:, 0] = False
    ranked = ranked.masked_fill(drop, -math.inf)
    if nucleus == "ranks":  # the sorted row sampled as it is: the sample is a rank, not a token id
        return ranked
    return torch.full_like(logits, -math.inf).scatter(-1, order, ranked)


def _generate_twin(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None, *,
                   extra_k=0, temperature_as="divisor", crop="last", context=None, position=-1, nucleus="mass above",
                   sort="descending", order="temperature, top_k, top_p", sample=True):
    """reference.generate with one knob turned (see _generate_mistakes for what each knob is)."""
    model.eval()
    n = model.block_size if context is None else context(model.block_size)
    with torch.no_grad():
        for _ in range(max_new_tokens):
            context_ids = idx[:, -n:] if crop == "last" else idx[:, :n]
            logits = model(context_ids)[0][:, position, :]  # (B, V)
            if temperature == 0:
                next_id = logits.argmax(dim=-1, keepdim=True)
            else:
                steps = {
                    "temperature": lambda z: {"divisor": z / temperature, "factor": z * temperature, "ignored": z}[temperature_as],
                    "top_k": lambda z: z if top_k is None else _top_k(z, top_k + extra_k),
                    "top_p": lambda z: z if top_p is None or top_p >= 1.0 else _top_p(z, top_p, nucleus, sort),
                }
                for name in order.split(", "):
                    logits = steps[name](logits)
                probs = F.softmax(logits, dim=-1)
                next_id = torch.multinomial(probs, num_samples=1, generator=generator) if sample else probs.argmax(-1, keepdim=True)
            idx = torch.cat([idx, next_id], dim=1)
    return idx


def _generate_mistakes(model, idx, max_new_tokens, temperature, top_k, top_p, seed):
    """Diagnosis -> a function generating its twin's tokens (computed only while it matches, see _close_lazily)."""
    def twin(**knob):
        return lambda: _generate_twin(model, idx, max_new_tokens, temperature, top_k, _seeded(seed), top_p, **knob)

    return {
        "top_k keeps k + 1 tokens: keep exactly the k largest logits, torch.topk(logits, k)": twin(extra_k=1),
        "top_k keeps k - 1 tokens (the k-th largest is dropped too, <= its value): keep exactly the k largest logits":
            twin(extra_k=-1),
        "top_k keeps only the largest logit (a threshold taken from values[:, 0]): the k-th largest is values[:, -1]":
            twin(extra_k=1 - (top_k or 1)),
        "temperature applied after the softmax, where dividing the probabilities changes nothing: divide the logits":
            twin(temperature_as="ignored"),
        "logits multiplied by the temperature: divide them, so that a temperature below 1 sharpens": twin(temperature_as="factor"),
        "samples from the first position's logits: the next token is predicted by the last one, logits[:, -1, :]":
            twin(position=0),
        "context cropped to the first block_size tokens: the model must see the last ones, idx[:, -model.block_size:]":
            twin(crop="first"),
        "context cropped to block_size - 1 tokens: keep the last block_size, idx[:, -model.block_size:]":
            twin(context=lambda block_size: block_size - 1),
        "the model sees only the last token: feed it the whole context, up to the last block_size tokens":
            twin(context=lambda block_size: 1),
        "top_p drops the token that crosses top_p: drop a token only when the tokens above it already hold top_p":
            twin(nucleus="cumulative"),
        "top_p filters on the logits before they are divided by the temperature: divide first, then top_k, then top_p":
            twin(order="top_k, top_p, temperature"),
        "top_p measured before top_k: filter top_k first, then top_p on the k tokens left (their softmax)":
            twin(order="temperature, top_p, top_k"),
        "top_p sums the probabilities in vocabulary order: sort them in descending order first (torch.sort(..., descending=True))":
            twin(sort="none"),
        "top_p sorts in ascending order: the nucleus is the most likely tokens, torch.sort(..., descending=True)":
            twin(sort="ascending"),
        "top_p samples the sorted row without mapping back: the sample is a rank; scatter the row back with the sort's indices":
            twin(nucleus="ranks"),
        "never samples: the most likely token is taken whatever the temperature; draw it, torch.multinomial(probs, 1, generator=generator)":
            twin(sample=False),
    }


_SAMPLING = [(1.0, None, None), (0.6, 3, None), (1.7, None, None), (1.0, None, 0.7), (0.8, 5, 0.9), (1.3, 2, 0.5),
             (1.0, None, 1.0), (1.0, None, 0.05), (0.5, None, 0.6), (2.0, None, 0.8),  # (temperature, top_k, top_p);
             (1.0, 4, 0.6)]  # temperatures with top_p alone tell the order of the two, and top_k 4 with top_p 0.6 theirs


def _described(idx, max_new_tokens, options):
    settings = "".join(f", {key}={value}" for key, value in options.items() if key != "generator")
    return f"generate(model, idx {tuple(idx.shape)}, {max_new_tokens}{settings})"


def _generate(t, generate, model, idx, max_new_tokens, diagnosis=None, raised_by=None, **options):
    """The learner's generate on a copy of idx. An exception that `raised_by(error)` recognises
    fails naming `diagnosis`; any other is the judge's to report, where it was raised."""
    try:
        out = generate(model, idx.clone(), max_new_tokens, **options)
    except Exception as error:  # noqa: BLE001 - re-raised unless it is the mistake's own crash
        if raised_by is None or isinstance(error, NotImplementedError) or not raised_by(error):
            raise
        t.fail(f"{_described(idx, max_new_tokens, options)} {_raised(error)}", diagnosis(error) if callable(diagnosis) else diagnosis)
    return t.tensor(out, "generate's result")


def gen_shape(t, generate):
    """returns (B, T + max_new_tokens): idx followed by the new tokens"""
    model, idx = _tiny_lm(0, block_size=16), _tokens(1, 11, 2, 3)
    out = _generate(t, generate, model, idx, 4, generator=_seeded(0))
    t.expect(tuple(out.shape) != (2, 4), "generate returned shape (2, 4) for idx (2, 3) and 4 new tokens, expected (2, 7)",
             "returns only the new tokens: return the whole sequence, idx with each new token appended (torch.cat)")
    t.expect(tuple(out.shape) == (2, 7), f"generate returned shape {tuple(out.shape)} for idx (2, 3) and 4 new tokens, expected (2, 7)")
    t.expect(out.dtype == torch.long, f"generate returned dtype {out.dtype}, expected torch.long (token ids)")
    t.expect(torch.equal(out[:, :3], idx), "the first T columns of the result differ from idx: keep the prompt as it was")
    one = _tokens(2, 11, 1, 1)
    out = _generate(t, generate, model, one, 1, generator=_seeded(0))
    t.expect(tuple(out.shape) == (1, 2), f"generate returned shape {tuple(out.shape)} for idx (1, 1) and 1 new token, expected (1, 2)")
    out = _generate(t, generate, model, idx, 0, generator=_seeded(0))
    t.expect(tuple(out.shape) == (2, 3) and torch.equal(out, idx),
             f"generate(model, idx (2, 3), 0) returned {tuple(out.shape)} {out.tolist()}, expected idx itself {idx.tolist()}")


def gen_reproducible(t, generate):
    """the same seeded generator gives the same tokens, whatever the global random state"""
    model, idx = _tiny_lm(1, block_size=16), _tokens(2, 11, 3, 2)
    samples = []
    for global_seed in (1, 2):
        torch.manual_seed(global_seed)
        samples.append(_generate(t, generate, model, idx, 10, generator=_seeded(5)))
    t.expect(torch.equal(samples[0], samples[1]), "two calls with generators seeded alike gave different tokens",
             "generator ignored: pass generator=generator to torch.multinomial, so that a seed reproduces a sample")


def _division_by_zero(error):
    """What dividing logits by a temperature of 0 raises: NaN probabilities in multinomial, or Python's own error."""
    return isinstance(error, ZeroDivisionError) or (isinstance(error, RuntimeError) and "nan" in str(error))


def _appends_a_flat_row(error):
    """torch.cat's refusal of a (B,) token next to idx (B, T); gen_shape, which samples, has passed by then, so
    only the greedy path's token can be flat."""
    return isinstance(error, RuntimeError) and "Tensors must have same number of dimensions" in str(error)


def gen_greedy(t, generate):
    """temperature 0 takes the argmax at every step"""
    model, idx = _tiny_lm(2, block_size=16), _tokens(3, 11, 3, 2)
    out = _generate(t, generate, model, idx, 10, temperature=0,
                    raised_by=lambda error: _division_by_zero(error) or _appends_a_flat_row(error),
                    diagnosis=lambda error: "the greedy token has shape (B,), which torch.cat cannot append to (B, T): "
                    "keep it a column, logits.argmax(-1, keepdim=True)" if _appends_a_flat_row(error) else
                    "temperature 0 divides the logits by zero: take logits.argmax(-1, keepdim=True) instead of sampling")
    _close_lazily(t, [("greedy tokens (temperature 0)", out, reference.generate(model, idx, 10, temperature=0))], atol=0,
                  twins=lambda i: _generate_mistakes(model, idx, 10, 0, None, None, 0))


def gen_matches_reference(t, generate):
    """samples the reference's tokens under the same seed, with temperature, top_k and top_p"""
    model, idx = _tiny_lm(3, block_size=16), _tokens(4, 11, 3, 2)
    cases = []
    for seed, (temperature, top_k, top_p) in enumerate(_SAMPLING):
        options = dict(temperature=temperature, top_k=top_k, top_p=top_p)
        cases.append((f"tokens sampled with temperature={temperature}, top_k={top_k}, top_p={top_p}",
                      _generate(t, generate, model, idx, 12, generator=_seeded(seed), **options),
                      reference.generate(model, idx, 12, generator=_seeded(seed), **options)))
    _close_lazily(t, cases, atol=0, twins=lambda i: _generate_mistakes(model, idx, 12, *_SAMPLING[i], i))


def gen_crops_context(t, generate):
    """generates past block_size, feeding the model the last block_size tokens"""
    model, idx = _tiny_lm(4, block_size=6), _tokens(5, 11, 2, 4)
    out = _generate(t, generate, model, idx, 8, generator=_seeded(1),
                    raised_by=lambda error: isinstance(error, IndexError) and "block_size" in str(error),
                    diagnosis="context not cropped to block_size: feed the model idx[:, -model.block_size:]")
    _close_lazily(t, [("tokens generated past block_size 6", out, reference.generate(model, idx, 8, generator=_seeded(1)))],
                  atol=0, twins=lambda i: _generate_mistakes(model, idx, 8, 1.0, None, None, 1))


def gen_top_k_beyond_vocabulary(t, generate):
    """top_k larger than the vocabulary keeps every token"""
    model, idx = _tiny_lm(5, block_size=16), _tokens(6, 11, 2, 2)
    out = _generate(t, generate, model, idx, 6, top_k=50, generator=_seeded(2),
                    raised_by=lambda error: isinstance(error, RuntimeError) and "out of range" in str(error),
                    diagnosis="top_k larger than the vocabulary raises: keep min(top_k, vocab_size) logits")
    t.close(out, reference.generate(model, idx, 6, generator=_seeded(2)), what="tokens with top_k=50 over 11 tokens", atol=0)


def _example_model():
    """The docstring's example: a TinyLM that always puts 0.6 on token 3, 0.3 on token 5 and 0.1 over the other nine."""
    model = TinyLM(11, 8)
    probs = torch.full((11,), 0.1 / 9)
    probs[3], probs[5] = 0.6, 0.3
    with torch.no_grad():  # a zero head weight makes the logits its bias, whatever the context
        model.head.weight.zero_()
        model.head.bias.copy_(probs.log())
    return model


_EXAMPLE = [  # (options, the tokens the docstring allows, the tokens that must show up in 80 draws)
    ({"top_k": 1}, {3}, {3}),
    ({"temperature": 0}, {3}, {3}),
    ({"top_k": 2}, {3, 5}, {3, 5}),  # token 5 never drawn in 80 tries: probability (2/3)^80, about 1e-14
    ({"top_p": 0.8}, {3, 5}, {3, 5}),
    ({"top_p": 0.5}, {3}, {3}),
]


def gen_docstring_example(t, generate):
    """the docstring's example: top_k=1 and temperature 0 take token 3, top_k=2 and top_p=0.8 tokens 3 and 5, top_p=0.5 token 3"""
    model, idx = _example_model(), torch.zeros(40, 1, dtype=torch.long)
    for seed, (options, allowed, needed) in enumerate(_EXAMPLE):
        out = _generate(t, generate, model, idx, 2, generator=_seeded(seed), **options)
        drawn = set(out[:, 1:].unique().tolist()) if out.shape == (40, 3) else None
        t.expect(drawn is not None, f"{_described(idx, 2, options)} returned shape {tuple(out.shape)}, expected (40, 3)")
        setting = ", ".join(f"{key}={value}" for key, value in options.items())
        about = f"with {setting}, on a model that always puts 0.6 on token 3, 0.3 on token 5 and 0.1 over the rest,"
        t.expect(drawn <= allowed, f"{about} generate drew tokens {sorted(drawn - allowed)}; only {sorted(allowed)} may be drawn")
        t.expect(needed <= drawn, f"{about} generate never drew token(s) {sorted(needed - drawn)} in 80 draws")


def gen_eval_mode(t, generate):
    """runs the model in eval mode without gradients, and hands it back in the mode it had"""
    for training in (True, False):
        model = _tiny_lm(6, block_size=16, dropout=0.3, kind=CountingLM).train(training)
        _generate(t, generate, model, _tokens(7, 11, 2, 2), 3, generator=_seeded(3))
        calls, in_training, with_grad = model.passes.tolist()
        t.expect(calls > 0, "generate never called the model")
        t.expect(in_training == 0, f"{in_training} of the model's {calls} forward passes while sampling ran in training mode",
                 "dropout left on while sampling: call model.eval() before the loop")
        t.expect(with_grad == 0, f"{with_grad} of the model's {calls} forward passes while sampling tracked gradients",
                 "gradients tracked while sampling: run the loop under torch.no_grad()")
        mode = "training" if model.training else "eval"
        t.expect(model.training == training, f"a model handed over in {'training' if training else 'eval'} mode came back in {mode} mode",
                 "the model's mode is not restored: remember was_training = model.training, end with model.train(was_training)")


def gen_restores_mode_after_an_error(t, generate):
    """hands the model back in training mode even when its forward pass raises"""
    model = _tiny_lm(7, block_size=16).train()
    outside = torch.tensor([[1, 11]])  # token 11 is outside the vocabulary of 11: the model's embedding raises IndexError
    try:
        generate(model, outside, 3, generator=_seeded(4))
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 - raising is right here; what matters is the mode the model comes back in
        pass
    t.expect(model.training, "a model handed over in training mode came back in eval mode after its forward pass raised "
             "(idx [[1, 11]] holds a token outside its vocabulary of 11)",
             "the mode is not restored when the model raises: put model.train(was_training) in a finally block")


# ---------------------------------------------------------------------------
# save_checkpoint and load_checkpoint

_CONFIG = {"vocab_size": 11, "block_size": 6, "dim": 16, "note": "tiny"}


def _trained(seed):
    """A TinyLM and its momentum SGD after two steps: the optimizer has a state worth saving."""
    model = _tiny_lm(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for x, y in _step_batches():
        reference.train_step(model, optimizer, x, y, 1.0)
    return model, optimizer


def _fresh(seed):
    model = _tiny_lm(seed + 50)
    return model, torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)


def _flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.state_dict().values()])


def _moments(optimizer):
    """Every tensor of the optimizer's state, in order, flattened into one vector (empty when fresh)."""
    state = optimizer.state_dict()["state"]
    tensors = [value.reshape(-1).float() for key in sorted(state) for _, value in sorted(state[key].items())
               if isinstance(value, torch.Tensor)]
    return torch.cat(tensors) if tensors else torch.zeros(0)


def _rng(seed):
    """A random generator's state, as the training worker keeps one in extra."""
    return torch.Generator().manual_seed(seed).get_state()


def _scratch_file(t, name):
    """A path in the job's scratch folder, with nothing there yet (an earlier grading may have left a file)."""
    path = t.scratch / name
    path.unlink(missing_ok=True)
    return path


_MISSING_KEY = {
    "model": "weights not saved under \"model\": model.state_dict()",
    "optimizer": "optimizer state not saved: without AdamW's moments a resumed run starts them from zero and its loss jumps",
    "step": "step not saved: a resumed run would start its count and its learning-rate schedule from 0 again",
    "config": "config not saved: the file alone could not rebuild the model",
    "extra": "extra not saved: the training worker keeps its RNG states there, for an exact resume",
}


def _saved(t, save_checkpoint, name, extra):
    """Save the trained TinyLM with the learner's save_checkpoint; return (model, optimizer, what the file holds)."""
    model, optimizer = _trained(0)
    path = _scratch_file(t, name)
    for elsewhere in _written_beside(path):  # an earlier grading's file, not this call's
        elsewhere.unlink()
    save_checkpoint(path, model, optimizer, 2, dict(_CONFIG), extra)
    beside = [entry.name for entry in _written_beside(path)]
    t.expect(path.is_file(), f"save_checkpoint(path, ...) wrote nothing at {path.name}"
             + (f"; it wrote {', '.join(beside)} instead" if beside else ""),
             "saved under another name: torch.save(checkpoint, path) writes to the path as given" if beside else None)
    try:
        saved = t.torch_load(path)
    except Exception as error:  # noqa: BLE001 - the file is the learner's: anything can be wrong with it
        if _raised_type(error) != "UnpicklingError":
            raise
        t.fail("torch.load(path, weights_only=True) refused the file (UnpicklingError): it holds more than tensors and plain containers",
               "the file pickles whole objects: save model.state_dict() and optimizer.state_dict(), not the model or optimizer")
    t.expect(isinstance(saved, dict), f"the file holds a {type(saved).__name__}, expected a dict")
    tutorial = [key for key in ("model_state_dict", "optimizer_state_dict", "state_dict") if key in saved]
    spread = "extra" not in saved and extra and all(key in saved for key in extra)
    for key, diagnosis in _MISSING_KEY.items():
        if tutorial:
            diagnosis = (f"keys named as in PyTorch's tutorial ({', '.join(tutorial)}): the docstring's keys are "
                         "model, optimizer, step, config and extra, which load_checkpoint reads")
        elif key == "extra" and spread:
            diagnosis = "extra's entries spread into the top level: keep extra as one dict under \"extra\""
        t.expect(key in saved, f"the saved dict has no \"{key}\"; it has {', '.join(map(repr, saved)) or 'nothing'}", diagnosis)
    return model, optimizer, saved


def _written_beside(path):
    """Files next to `path` whose name starts with its name: checkpoint.pt.pt, checkpoint.pt.tmp."""
    return [entry for entry in path.parent.iterdir() if entry.name.startswith(path.name) and entry.name != path.name]


def save_writes_one_dict(t, save_checkpoint):
    """writes one dict with model, optimizer, step, config and extra, readable with weights_only=True"""
    _saved(t, save_checkpoint, "checkpoint.pt", {"rng": _rng(0)})


def save_holds_the_values(t, save_checkpoint):
    """holds the given weights, optimizer state, step, config and extra ({} by default)"""
    rng = _rng(1)
    model, optimizer, saved = _saved(t, save_checkpoint, "values.pt", {"rng": rng, "tokens_seen": 36})
    t.expect(isinstance(saved["model"], dict) and list(saved["model"]) == list(model.state_dict()),
             "saved[\"model\"] is not the model's state_dict (parameter names to tensors)")
    t.close(torch.cat([v.reshape(-1) for v in saved["model"].values()]), _flat(model), what="saved weights", atol=0)
    kept = saved["optimizer"]
    keyed_by_tensors = isinstance(kept, dict) and bool(kept) and all(isinstance(key, torch.Tensor) for key in kept)
    held = (f"{len(kept)} entries keyed by tensors" if keyed_by_tensors else f"keys {sorted(map(str, kept))}"
            if isinstance(kept, dict) else f"a {type(kept).__name__}")
    t.expect(isinstance(kept, dict) and {"state", "param_groups"} <= set(kept),
             f"saved[\"optimizer\"] holds {held}, expected optimizer.state_dict(), a dict of state and param_groups",
             "optimizer.state saved, not optimizer.state_dict(): its keys are the parameters themselves and it has no "
             "param_groups; save optimizer.state_dict()" if keyed_by_tensors else None)
    reloaded = _fresh(0)[1]
    reloaded.load_state_dict(kept)
    t.close(_moments(reloaded), _moments(optimizer), what="saved optimizer state (momentum buffers)", atol=0)
    diagnosis = None
    if saved["step"] == _CONFIG and saved["config"] == 2:
        diagnosis = "step and config swapped: the parameters are (path, model, optimizer, step, config, extra=None)"
    elif saved["step"] == 3:
        diagnosis = "saves step + 1: save the step given, the number of steps taken"
    t.expect(saved["step"] == 2 and isinstance(saved["step"], int), f"saved step is {saved['step']!r}, expected 2", diagnosis)
    t.expect(saved["config"] == _CONFIG, f"saved config is {saved['config']!r}, expected {_CONFIG!r}")
    t.expect(isinstance(saved["extra"], dict) and set(saved["extra"]) == {"rng", "tokens_seen"}
             and torch.equal(saved["extra"]["rng"], rng) and saved["extra"]["tokens_seen"] == 36,
             f"saved extra is {saved['extra']!r}, expected the dict given")
    *_, saved = _saved(t, save_checkpoint, "no-extra.pt", None)
    t.expect(saved["extra"] == {}, f"with extra=None the saved extra is {saved['extra']!r}, expected {{}}",
             "extra=None is saved as None: save extra or {}, so that a loader can always read it as a dict")


class _RunsCodeWhenLoaded:
    """Stands for a malicious object: unpickling it makes the folder `marker`."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def _as_if_from_a_gpu(checkpoint, path):
    """torch.save with every tensor tagged as stored on cuda:0, as a GPU run's file is (no GPU needed to write it)."""
    location_tag = torch.serialization.location_tag
    torch.serialization.location_tag = lambda storage: "cuda:0"
    try:
        torch.save(checkpoint, path)
    finally:
        torch.serialization.location_tag = location_tag


def _reference_file(t, name, seed=0, change=None, save=torch.save):
    """A checkpoint as reference.save_checkpoint writes it, after `change(checkpoint)`; returns (path, model, optimizer)."""
    model, optimizer = _trained(seed)
    checkpoint = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": 2, "config": dict(_CONFIG),
                  "extra": {"rng": _rng(seed)}}
    if change is not None:
        change(checkpoint)
    path = _scratch_file(t, name)
    save(checkpoint, path)
    return path, model, optimizer


def _expect_result(t, result, seed):
    t.expect(isinstance(result, dict), f"load_checkpoint returned {type(result).__name__}, expected a dict",
             "returns only the step: return {\"step\": ..., \"config\": ..., \"extra\": ...}" if isinstance(result, int) else None)
    keys = set(result)
    missing = {"step", "config", "extra"} - keys
    only_extra_missing = missing == {"extra"}
    t.expect(not missing, f"the returned dict has {sorted(keys)}, expected step, config and extra",
             "extra not returned: return {\"step\": ..., \"config\": ..., \"extra\": ...}, each as the file holds it"
             if only_extra_missing else None)
    t.expect(keys == {"step", "config", "extra"}, f"the returned dict has {sorted(keys)}; the docstring returns "
             "{\"step\": ..., \"config\": ..., \"extra\": ...} and nothing else",
             "returns the whole checkpoint: the weights and the optimizer state are loaded into the objects; "
             "return only {\"step\", \"config\", \"extra\"}" if keys == set(_MISSING_KEY) else None)
    one_step_ahead = result["step"] == 3 and result["config"] == _CONFIG
    t.expect(result["step"] == 2 and result["config"] == _CONFIG, f"returned step {result['step']!r} and config "
             f"{result['config']!r}, expected 2 and {_CONFIG!r}",
             "returns step + 1: return the saved step as it is; the caller resumes from it" if one_step_ahead else None)
    extra = result["extra"]
    t.expect(isinstance(extra, dict) and isinstance(extra.get("rng"), torch.Tensor) and torch.equal(extra["rng"], _rng(seed)),
             f"returned extra {extra!r}, expected the saved one")


def load_restores(t, load_checkpoint):
    """restores the weights and the optimizer state, and returns step, config and extra"""
    path, model, optimizer = _reference_file(t, "reference.pt")
    mine, my_optimizer = _fresh(0)
    before = _flat(mine)
    try:
        result = load_checkpoint(path, mine, my_optimizer)
    except KeyError as error:  # a key save_checkpoint never writes: the file has exactly its five
        key = str(error.args[0]).strip("'\"") if error.args else ""  # a rebuilt KeyError's message is the key's repr
        if not key or key in _MISSING_KEY:
            raise
        t.fail(f"load_checkpoint of a save_checkpoint file {_raised(error)}; the file's keys are {', '.join(_MISSING_KEY)}",
               "reads a key save_checkpoint does not write: its keys are model, optimizer, step, config and extra")
    t.close(_flat(mine), _flat(model), what="weights after loading", atol=0,
            mistakes={"weights not restored: model.load_state_dict(checkpoint[\"model\"])": before})
    t.close(_moments(my_optimizer), _moments(optimizer), what="optimizer state (momentum buffers) after loading", atol=0, mistakes={
        "optimizer state not restored: optimizer.load_state_dict(checkpoint[\"optimizer\"]) when an optimizer is given":
            torch.zeros(0)})
    _expect_result(t, result, 0)


def load_resumes_exactly(t, load_checkpoint):
    """a resumed run continues exactly like the uninterrupted one: save, load, then two steps"""
    path, model, optimizer = _reference_file(t, "resume.pt", seed=1)
    mine, my_optimizer = _fresh(1)
    load_checkpoint(path, mine, my_optimizer)
    for x, y in _step_batches():
        reference.train_step(model, optimizer, x, y, 1.0)
        reference.train_step(mine, my_optimizer, x, y, 1.0)
    t.close(_flat(mine), _flat(model), what="weights two steps after resuming", atol=0)


def load_without_optimizer(t, load_checkpoint):
    """loads the weights alone when no optimizer is given (for sampling)"""
    path, model, _ = _reference_file(t, "weights.pt")
    mine, _ = _fresh(0)
    try:
        load_checkpoint(path, mine)
    except (AttributeError, TypeError) as error:
        if "NoneType" not in str(error):
            raise
        t.fail(f"load_checkpoint(path, model) {_raised(error)}",
               "fails without an optimizer: restore the optimizer only when one is given (optimizer is not None)")
    t.close(_flat(mine), _flat(model), what="weights after loading without an optimizer", atol=0)


def load_maps_to_the_cpu(t, load_checkpoint):
    """opens a GPU run's file on the CPU (map_location="cpu")"""
    path, model, _ = _reference_file(t, "from-gpu.pt", save=_as_if_from_a_gpu)
    mine, my_optimizer = _fresh(0)
    diagnosis = "no map_location=\"cpu\": a GPU run's file fails to open without a GPU (or opens on it); torch.load(path, map_location=\"cpu\", weights_only=True)"
    try:
        result = load_checkpoint(path, mine, my_optimizer)
    except RuntimeError as error:
        if "CUDA" not in str(error) or isinstance(error, NotImplementedError):
            raise
        t.fail(f"load_checkpoint of a file saved on cuda:0 {_raised(error)}", diagnosis)
    rng = result["extra"]["rng"] if isinstance(result, dict) and isinstance(result.get("extra"), dict) else None
    device = remote_facts(rng).get("device", "cpu") if isinstance(rng, torch.Tensor) else "cpu"
    t.expect(device == "cpu", f"the extra of a file saved on cuda:0 came back on {device}, expected cpu", diagnosis)
    t.close(_flat(mine), _flat(model), what="weights loaded from a file saved on cuda:0", atol=0)


def load_is_strict(t, load_checkpoint):
    """a file missing a weight, or holding an unknown one, is an error, not a silently untrained layer"""
    def drop(checkpoint):
        del checkpoint["model"]["head.bias"]

    def add(checkpoint):
        checkpoint["model"]["head.scale"] = torch.ones(11)

    for name, change, what in (("missing-key.pt", drop, "without head.bias"), ("unexpected-key.pt", add, "with an unknown head.scale")):
        path, *_ = _reference_file(t, name, change=change)
        mine, my_optimizer = _fresh(0)
        try:
            load_checkpoint(path, mine, my_optimizer)
        except NotImplementedError:  # a RuntimeError too, but the grader's to report
            raise
        except Exception:  # noqa: BLE001 - any error will do: the contract asks for one, not its type
            continue
        t.fail(f"a checkpoint {what} loaded without an error",
               "strict=False hides missing weights: keep load_state_dict strict (the default)")


def load_refuses_code(t, load_checkpoint):
    """refuses a file whose unpickling would run code (weights_only=True)"""
    marker = t.scratch / "code-ran"
    if marker.exists():
        marker.rmdir()
    path, *_ = _reference_file(t, "malicious.pt", change=lambda checkpoint: checkpoint["extra"].update(
        payload=_RunsCodeWhenLoaded(marker)))
    mine, my_optimizer = _fresh(0)
    try:
        load_checkpoint(path, mine, my_optimizer)
    except Exception as error:  # noqa: BLE001 - refusing is right; which error says whether it refused
        refused = _raised_type(error) == "UnpicklingError"
        if not (refused or marker.exists()):
            raise
    else:
        refused = False
    t.expect(not marker.exists(), "loading the file ran the code pickled in it",
             "loaded with weights_only=False: unpickling a file from elsewhere can run any code; use weights_only=True")
    t.expect(refused, "a file holding a pickled object that runs code loaded without an error")


CHECKS = {
    "cross_entropy": [ce_matches_reference, ce_uniform_is_log_v, ce_stable_for_huge_logits, ce_gradient,
                      ce_bfloat16_in_float32],
    "lr_at": [lr_returns_float, lr_matches_schedule, lr_edge_cases],
    "train_step": [step_uses_passing_cross_entropy, step_returns_floats, step_leaves_mode_and_lr, step_loss_and_norm,
                   step_updates_weights, step_without_clipping, step_clears_old_gradients, step_uses_this_files_cross_entropy],
    "generate": [gen_shape, gen_reproducible, gen_greedy, gen_matches_reference, gen_crops_context,
                 gen_top_k_beyond_vocabulary, gen_docstring_example, gen_eval_mode, gen_restores_mode_after_an_error],
    "save_checkpoint": [save_writes_one_dict, save_holds_the_values],
    "load_checkpoint": [load_restores, load_resumes_exactly, load_without_optimizer, load_maps_to_the_cpu, load_is_strict,
                        load_refuses_code],
}
