"""Checks for lesson 12: the learner's transformer against the reference.

Inputs are seeded and the reference's weights (shifted away from their initial values, so
that every LayerNorm and bias matters) are loaded into the learner's modules, which stay in
the contestant: only tensors and state dicts cross. A mistake is named only when its twin
(the reference with that one mistake) matches the learner on every input of the check;
otherwise the failure says which input differs and where. Block and GPT are built from the
learner's own MultiHeadAttention (12.1) and FeedForward: their checks first make sure those
pass, so that a bug there is named as such and not as a puzzling mismatch here.
"""

import math
import weakref

import torch
import torch.nn as nn
import torch.nn.functional as F

from lessons.attention import checks as attention_checks
from lessons.checking import CheckFailed, explicit_weights, first_problem, innermost_function, remote_facts
from lessons.transformer import reference

# ---------------------------------------------------------------------------
# Shared helpers


def _num_parameters(module):
    return sum(p.numel() for p in module.parameters())


def _randn(seed, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def _tokens(seed, vocab_size, *shape):
    return torch.randint(0, vocab_size, shape, generator=torch.Generator().manual_seed(seed))


def _same(got, twin, atol):
    return isinstance(got, torch.Tensor) and got.shape == twin.shape and bool(((got.double() - twin.double()).abs() <= atol).all())


def _twin_matching_every(outputs, twins, atol):
    """The first mistake whose twin equals the learner's output on every input (twins[i] for
    outputs[i]), else None: one input alone may let a new bug coincide with a known one."""
    for name in twins[0]:
        if all(_same(got, case[name], atol) for got, case in zip(outputs, twins)):
            return name
    return None


def _zeroed_share(tensor):
    return float((tensor == 0).float().mean())


def _characterise(got, expected, atol, position_dim=None):
    """A short, certain description of how `got` departs from `expected`, or "": a transpose,
    an extra dim of size 1, one factor or one offset for every entry, the positions that differ."""
    if not isinstance(got, torch.Tensor) or not got.dtype.is_floating_point:
        return ""
    a, b = got.detach().double(), expected.detach().double()
    if a.shape != b.shape:
        if a.dim() == 2 and a.shape == b.shape[::-1] and _same(a.T, b, atol):
            return "it is the transpose of the expected"
        if a.numel() == b.numel() and _same(a.reshape(b.shape), b, atol):
            return f"the right numbers in another shape, {tuple(a.shape)}"
        return ""
    if torch.isnan(a).any() and not torch.isnan(b).any():
        return "it holds NaN"
    if a.numel() <= 1:  # one number: a factor or an offset says nothing the values do not
        return ""
    if not torch.isfinite(a).all() or not torch.isfinite(b).all():
        return ""
    flat_a, flat_b = a.flatten(), b.flatten()
    if float(flat_b.abs().max()) > atol:
        factor = float(flat_a @ flat_b / (flat_b @ flat_b))
        if abs(factor - 1) > 1e-3 and _same(a, factor * b, atol):
            return "the sign of every entry is flipped" if abs(factor + 1) < 1e-3 else f"every entry is {factor:.4g} times the expected"
    offset = float((flat_a - flat_b).mean())
    if abs(offset) > atol and _same(a, b + offset, atol):
        return f"every entry is off by the same {offset:+.4g}"
    if position_dim is not None and a.dim() >= 2 and a.size(position_dim) > 1:
        dim = position_dim % a.dim()
        bad = ((a - b).abs() > atol).movedim(dim, 0).reshape(a.size(dim), -1).any(1)
        rows = [int(i) for i in bad.nonzero()]
        if len(rows) <= a.size(dim) // 2:
            which = f"position {rows[0]} differs" if len(rows) == 1 else f"positions {_listed(rows)} differ"
            return f"only {which} (of 0..{a.size(dim) - 1})"
    return ""


def _listed(numbers, at_most=6):
    shown = ", ".join(map(str, numbers[:at_most]))
    return shown + (", ..." if len(numbers) > at_most else "")


def _close_cases(t, cases, *, atol, twins=None, contract="", position_dim=None):
    """t.close_cases, and when no twin names the mistake, what is certain about the first differing
    case (see _characterise) and the docstring sentence it breaks (`contract`)."""
    try:
        t.close_cases(cases, atol=atol, twins=twins)
    except CheckFailed as failure:
        if failure.diagnosis is not None:
            raise
        got, expected = next(((got, expected) for _, got, expected in cases if not _same(got, expected, atol)), (None, None))
        characterised = _characterise(got, expected, atol, position_dim) if expected is not None else ""
        notes = [note for note in (characterised, f"the docstring says: {contract}" if contract else "") if note]
        t.fail(failure.message + "".join(f"; {note}" for note in notes))


def _raised(error):
    """"IndexError: index out of range in self (at core/transformer.py:12 in forward)"."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    where = getattr(error, "remote", {}).get("where")
    return f"{type(error).__name__}{': ' + message if message else ''}{f' (at {where})' if where else ''}"


# ---------------------------------------------------------------------------
# What Block and GPT build on


def _dependency_mistakes(target):
    """Diagnosis -> the dependency it names, in the order they are checked."""
    if target == "Block":
        return {
            "your MultiHeadAttention (attention.MultiHeadAttention) does not pass yet; Block builds on it": "MultiHeadAttention",
            "your FeedForward (transformer.FeedForward) does not pass yet; Block builds on it": "FeedForward",
        }
    return {
        "your MultiHeadAttention (attention.MultiHeadAttention) does not pass yet; GPT builds on it": "MultiHeadAttention",
        "your FeedForward (transformer.FeedForward) does not pass yet; GPT builds on it": "FeedForward",
        "your Block (transformer.Block) does not pass yet; GPT builds on it": "Block",
    }


class _Job:
    """What one grading job has learnt about the classes its target builds on."""

    def __init__(self):
        self.verdicts = {}  # dependency name -> first_problem's answer (None: it passes)
        self.built = set()  # targets built once, to tell their own stubs from their dependencies'


_jobs = weakref.WeakKeyDictionary()  # a job's link to its contestant -> _Job (the judge serves many jobs)


def _learner_class(t, name):
    """The class `name` as the learner's transformer module sees it (MultiHeadAttention: the one
    it imported from core.attention, or core.attention's own when it imported the module)."""
    for module in ("transformer", "attention") if name == "MultiHeadAttention" else ("transformer",):
        try:
            return t.learner(module, name)
        except AttributeError:
            pass
    return None


def _require_dependencies(t, impl, target):
    """Fail, naming the dependency, when something `target` builds on does not pass its own checks.

    A stub of `target` itself still reports "not implemented": it is built once first, and a
    NotImplementedError raised in its own code goes straight to the grader.
    """
    job = _jobs.setdefault(t.contestant, _Job())
    if target not in job.built:
        try:
            impl(16, 2) if target == "Block" else impl(20, 8, 2, 2, 16)
        except NotImplementedError as error:
            if innermost_function(error).startswith(target + "."):
                raise
        except Exception:  # noqa: BLE001 - the dependency checks below say what is wrong
            pass
        job.built.add(target)
    checks = {
        "MultiHeadAttention": attention_checks.CHECKS["MultiHeadAttention"],
        "FeedForward": CHECKS["FeedForward"],
        "Block": CHECKS["Block"],
    }
    for diagnosis, name in _dependency_mistakes(target).items():
        if name not in job.verdicts:
            job.verdicts[name] = first_problem(t, name, checks[name], _learner_class(t, name))
        if job.verdicts[name] is not None:
            t.fail(job.verdicts[name], diagnosis)


def block_dependencies(t, Block):
    """your MultiHeadAttention (12.1) and FeedForward pass their checks"""
    _require_dependencies(t, Block, "Block")


def gpt_dependencies(t, GPT):
    """your MultiHeadAttention (12.1), FeedForward and Block pass their checks"""
    _require_dependencies(t, GPT, "GPT")


# ---------------------------------------------------------------------------
# FeedForward


_FF_LAYOUT = "self.fc = nn.Linear(d_model, d_ff) and self.proj = nn.Linear(d_ff, d_model)"


def _ff_pair(t, FeedForward, d_model, d_ff, dropout=0.0, seed=0):
    """The learner's FeedForward and the reference's, in eval mode, with the same weights."""
    torch.manual_seed(seed)
    want = explicit_weights(reference.FeedForward(d_model, d_ff, dropout=dropout), seed).eval()
    mine = FeedForward(d_model, d_ff, dropout=dropout)
    fc = mine.state_dict().get("fc.weight") if t.is_module(mine) else None
    if fc is not None and fc.shape[0] != d_ff:
        t.fail(f"FeedForward({d_model}, {d_ff}) has a hidden width of {fc.shape[0]} (fc.weight {tuple(fc.shape)}), "
               f"expected d_ff = {d_ff}",
               "d_ff ignored: the hidden width is 4 * d_model whatever d_ff says; build nn.Linear(d_model, d_ff)"
               if fc.shape[0] == 4 * d_model else None)
    have = mine.state_dict() if t.is_module(mine) else {}
    missing = [key for key in want.state_dict() if key not in have]
    t.expect(not missing or set(missing) != {"fc.bias", "proj.bias"},
             f"FeedForward({d_model}, {d_ff}) has no fc.bias and proj.bias; found {', '.join(have)}",
             "Linears built without a bias: nn.Linear(d_model, d_ff) and nn.Linear(d_ff, d_model) keep their biases (the default)")
    return t.load_reference_weights(mine, want, _FF_LAYOUT), want


def _ff_twin(ffn, x, activation=F.gelu, activation_after=False, residual=False, flatten=False, activation_first=False):
    """The reference forward with one knob turned."""
    y = ffn.proj(ffn.fc(F.gelu(x))) if activation_first else ffn.proj(activation(ffn.fc(x)))
    if residual:
        y = x + y
    if flatten:
        y = y.reshape(-1, y.size(-1))
    return F.gelu(y) if activation_after else y


def _gelu_by_hand(h, *, root_two=True, half=True):
    """x·Φ(x) = 0.5·x·(1 + erf(x/√2)), written out with one of its constants lost."""
    return (0.5 if half else 1.0) * h * (1 + torch.erf(h / (math.sqrt(2) if root_two else 2)))


def _ff_mistakes(ffn, x):
    return {
        "ReLU instead of GELU": _ff_twin(ffn, x, activation=F.relu),
        "SiLU (x · sigmoid(x)) instead of GELU: use the exact GELU, nn.GELU() or F.gelu(x)": _ff_twin(ffn, x, activation=F.silu),
        "GELU with the tanh approximation: use the exact GELU, nn.GELU() or F.gelu(x)":
            _ff_twin(ffn, x, activation=lambda h: F.gelu(h, approximate="tanh")),
        "no activation between the two Linears: together they are one linear map": _ff_twin(ffn, x, activation=lambda h: h),
        "GELU applied to the output too: the activation goes between the two Linears only":
            _ff_twin(ffn, x, activation_after=True),
        "sigmoid approximation of GELU, x · sigmoid(1.702·x): use the exact GELU, nn.GELU() or F.gelu(x)":
            _ff_twin(ffn, x, activation=lambda h: h * torch.sigmoid(1.702 * h)),
        "GELU written with erf(x / 2): the exact GELU is 0.5·x·(1 + erf(x / √2)), or simply F.gelu(x)":
            _ff_twin(ffn, x, activation=lambda h: _gelu_by_hand(h, root_two=False)),
        "GELU written without its factor 0.5: the exact GELU is 0.5·x·(1 + erf(x / √2)), or simply F.gelu(x)":
            _ff_twin(ffn, x, activation=lambda h: _gelu_by_hand(h, half=False)),
        "GELU applied to the input, before fc: the activation goes between the two Linears, proj(gelu(fc(x)))":
            _ff_twin(ffn, x, activation_first=True),
        "residual added inside FeedForward: it returns proj(gelu(fc(x))) alone, Block adds x":
            _ff_twin(ffn, x, residual=True),
        "output flattened to (N, d_model): keep x's leading dims, (..., d_model) -> (..., d_model)":
            _ff_twin(ffn, x, flatten=True),
    }


_FF_SHAPES = [  # (leading dims, d_model, d_ff)
    ((2, 5), 8, 32),
    ((1, 7), 16, 24),
    ((6,), 12, 48),  # one sequence without a batch dim
    ((2, 3, 4), 8, 16),  # two batch dims
    ((), 8, 32),  # one position, no leading dims at all
]


def ff_parameters(t, FeedForward):
    """has parameters fc (d_model → d_ff) and proj (d_ff → d_model): 552 for FeedForward(8, 32)"""
    mine, want = _ff_pair(t, FeedForward, 8, 32)
    extra = [key for key in mine.state_dict() if key not in want.state_dict()]
    t.expect(_num_parameters(mine) == _num_parameters(want),
             f"FeedForward(8, 32) has {_num_parameters(mine)} parameters, expected {_num_parameters(want)} "
             "(fc 8·32 + 32, proj 32·8 + 8)" + (f"; not in the docstring's layout: {', '.join(extra)}" if extra else ""))


def ff_matches_reference(t, FeedForward):
    """output matches the reference with the same weights (any leading dims)"""
    with torch.no_grad():
        runs, cases = [], []
        for seed, (lead, d_model, d_ff) in enumerate(_FF_SHAPES):
            mine, want = _ff_pair(t, FeedForward, d_model, d_ff, seed=seed)
            x = _randn(seed, *lead, d_model)
            runs.append((want, x))
            cases.append((f"output [x {tuple(x.shape)}, d_ff={d_ff}]", mine(x), want(x)))
        _close_cases(t, cases, atol=1e-5, twins=lambda i: _ff_mistakes(*runs[i]), position_dim=-2,
                     contract="Linear -> GELU -> Linear -> Dropout, x (..., d_model) -> (..., d_model), each position on its own")


def ff_dropout_only_in_training(t, FeedForward):
    """dropout acts on the output in training and is off in eval; dropout=0.0 drops nothing"""
    p = 0.2  # not 0.5: a rate mistaken for the keep probability, 1 - p, must show
    with torch.no_grad():
        x = _randn(3, 4, 8, 16)
        mine, want = _ff_pair(t, FeedForward, 16, 64, dropout=0.0, seed=3)
        expected = want(x)
        mine.train()
        without = mine(x)
        share = _zeroed_share(without)
        t.expect(torch.equal(without, mine(x)) and _same(without, expected, 1e-5),
                 f"FeedForward(16, 64, dropout=0.0) in training mode zeroes {share:.0%} of the output's entries and changes "
                 "from call to call: with dropout=0.0 nothing is dropped",
                 "the dropout rate ignored: build nn.Dropout(dropout) with the rate FeedForward was given"
                 if 0.1 <= share <= 0.6 else
                 "dropout given the keep probability: nn.Dropout(p) takes the probability of zeroing, so pass dropout itself"
                 if share >= 0.99 else None)
        mine, want = _ff_pair(t, FeedForward, 16, 64, dropout=p, seed=3)
        expected = want(x)
        t.dropout_only_in_training(mine, lambda: mine(x), expected, atol=1e-5,
                                   never_applied="dropout never applied: apply self.dropout to the output")
        # nn.Dropout on the output zeroes a share p of the output's entries and scales the rest by 1 / (1 - p).
        dropped = mine(x)
        share = _zeroed_share(dropped)
        what = f"FeedForward(16, 64, dropout={p}) in training mode"
        t.expect(share > 0.01, f"{what} zeroes {share:.0%} of the output's entries, though the output changes from call to call",
                 "dropout applied before the output projection: FeedForward drops its output, self.dropout(self.proj(h))")
        kept = dropped != 0
        kept_ratio = float((dropped[kept] / expected[kept]).median())
        t.expect(abs(share - p) <= 0.1, f"{what} zeroes {share:.0%} of the output's entries, expected about {p:.0%}",
                 "dropout given the keep probability: nn.Dropout(p) takes the probability of zeroing, so pass dropout itself"
                 if abs(share - (1 - p)) <= 0.1 and abs(kept_ratio - 1 / p) <= 1e-3 else None)
        t.expect(not _same(dropped[kept], expected[kept], 1e-5),
                 f"the entries {what} keeps equal the eval output, expected them times 1 / (1 - p) = {1 / (1 - p):.4g}",
                 "kept entries not scaled by 1 / (1 - p): use nn.Dropout, which rescales what it keeps so the mean stays the same")
        t.close(dropped[kept], expected[kept] / (1 - p), what=f"the entries {what} keeps (the eval output times 1 / (1 - p))",
                atol=1e-5)


# ---------------------------------------------------------------------------
# sinusoidal_positions


def _pe_twin(T, d, *, swap=False, exponent=lambda two_i, j: two_i, start=0, halves=False, columns=None, base=10000,
             only=None):
    """The reference's formula with one knob turned; `exponent` maps (2i, column j) to the power's numerator."""
    p = torch.arange(start, start + T, dtype=torch.float64)[:, None]  # (T, 1)
    j = torch.arange(d if columns is None else columns, dtype=torch.float64)[None, :]  # (1, d)
    two_i = j - j % 2
    sines = j % 2 == 0
    if halves:  # the ceil(d/2) sines of every frequency, then the d // 2 cosines
        n_sines = (d + 1) // 2
        sines = j < n_sines
        two_i = 2 * torch.where(sines, j, j - n_sines)
    angles = p / base ** (exponent(two_i, j) / d)
    if swap:
        sines = ~sines
    if only is not None:  # one function in every column
        return only(angles).float()
    return torch.where(sines, torch.sin(angles), torch.cos(angles)).float()


def _base_of(pe):
    """The base b of sin(p / b^(2i/d)) that row 1, column d - 2 of a (T, d) output implies (T, d >= 2), else None."""
    if not (isinstance(pe, torch.Tensor) and pe.dim() == 2 and pe.dtype.is_floating_point and pe.size(0) >= 2 and pe.size(1) >= 4):
        return None
    d = pe.size(1) - pe.size(1) % 2
    angle = math.asin(max(-1.0, min(1.0, float(pe[1, d - 2]))))
    if not 0 < angle < 1:
        return None
    base = angle ** (-d / (d - 2))
    if not (math.isfinite(base) and base > 1.5):
        return None
    return float(round(base)) if abs(base - round(base)) <= 1e-3 * base else base


def _pe_mistakes(T, d, base=None):
    """`base`: the one the learner's first output implies, for a twin with 10000 replaced by it. It comes
    last: i/d in the exponent is base 100 for every d, and its own name says more."""
    based = {"the base of the exponent is not 10000: PE[p, 2i] = sin(p / 10000^(2i/d))": _pe_twin(T, d, base=base)
             } if base is not None and base != 10000 else {}
    return {
        "sin and cos swapped: sin goes in the even columns (2i), cos in the odd ones (2i+1)": _pe_twin(T, d, swap=True),
        "exponent i/d instead of 2i/d: i counts pairs, so column 2i uses 10000^(2i/d)":
            _pe_twin(T, d, exponent=lambda two_i, j: two_i / 2),
        "exponent from the column index (j/d for every column): both columns of a pair share the frequency 10000^(2i/d)":
            _pe_twin(T, d, exponent=lambda two_i, j: j),
        "integer division in the exponent: (2i // d) is 0, so every frequency is 1":
            _pe_twin(T, d, exponent=lambda two_i, j: two_i * 0),
        "positions counted from 1: row 0 is position 0": _pe_twin(T, d, start=1),
        "transposed: rows are positions, shape (T, d)": _pe_twin(T, d).T,
        "an extra batch dim: return (T, d), not (1, T, d); the caller broadcasts it over the batch": _pe_twin(T, d)[None],
        "sin in the odd columns too: they hold cos, PE[p, 2i+1] = cos(p / 10000^(2i/d))": _pe_twin(T, d, only=torch.sin),
        "cos in the even columns too: they hold sin, PE[p, 2i] = sin(p / 10000^(2i/d))": _pe_twin(T, d, only=torch.cos),
        "sines in the first half and cosines in the second: interleave them, sin in column 2i, cos in 2i+1":
            _pe_twin(T, d, halves=True),
        # For an even d these two are the reference itself.
        "one column too many for an odd d: drop the last cosine": _pe_twin(T, d, columns=d + d % 2),
        "the last column is missing for an odd d: it is a sine without a cosine partner": _pe_twin(T, d, columns=d - d % 2),
    } | based


def _pe_contract(got, expected, atol):
    """The docstring sentence a (T, d) output breaks, when only the sines or only the cosines differ."""
    if not (isinstance(got, torch.Tensor) and got.shape == expected.shape and got.dim() == 2 and got.dtype.is_floating_point):
        return "a float tensor (T, d); PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d))"
    bad = ((got.double() - expected.double()).abs() > atol).any(0)
    if not bad[1::2].any():
        return "PE[p, 2i] = sin(p / 10000^(2i/d)) (only the sine columns, the even ones, differ)"
    if not bad[0::2].any():
        return "PE[p, 2i+1] = cos(p / 10000^(2i/d)) (only the cosine columns, the odd ones, differ)"
    return "PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d))"


def _compare_positions(t, sizes, outputs):
    for (T, d), got in zip(sizes, outputs):
        what = f"sinusoidal_positions({T}, {d})"
        if not isinstance(got, torch.Tensor) and t.type_name(got) == "ndarray":
            t.fail(f"{what} returned a NumPy array, expected a torch.Tensor",
                   "a NumPy array, not a torch.Tensor: build it with torch (torch.arange, torch.sin), or torch.from_numpy at the end")
        if isinstance(got, torch.Tensor) and not got.dtype.is_floating_point:
            t.fail(f"{what} has dtype {got.dtype}, expected a float tensor: the sines and cosines are rounded to integers",
                   "an integer tensor: the sines and cosines are cut to whole numbers; fill a float tensor, torch.zeros(T, d)")
    cases = [(f"sinusoidal_positions({T}, {d})", got, reference.sinusoidal_positions(T, d)) for (T, d), got in zip(sizes, outputs)]
    base = _base_of(outputs[0])
    try:
        t.close_cases(cases, atol=1e-5, twins=lambda i: _pe_mistakes(*sizes[i], base=base))
    except CheckFailed as failure:
        if failure.diagnosis is not None:
            raise
        got, expected = next((got, expected) for _, got, expected in cases if not _same(got, expected, 1e-5))
        notes = [_characterise(got, expected, 1e-5, position_dim=0),
                 f"row 1 of {cases[0][0]} fits a base of {base:.4g} in place of 10000" if base not in (None, 10000) else "",
                 f"the docstring says: {_pe_contract(got, expected, 1e-5)}"]
        t.fail(failure.message + "".join(f"; {note}" for note in notes if note))


def pe_matches_reference(t, sinusoidal_positions):
    """matches sin/cos(p / 10000^(2i/d)) for T up to 50, d up to 32"""
    # At T = 1 or d = 2 several mistakes coincide with the reference: the other sizes tell them apart.
    sizes = ((8, 16), (50, 32), (3, 4), (17, 2), (1, 6))
    _compare_positions(t, sizes, [sinusoidal_positions(T, d) for T, d in sizes])


def _matches_reference_for(sinusoidal_positions, T, d):
    try:
        return _same(sinusoidal_positions(T, d), reference.sinusoidal_positions(T, d), 1e-5)
    except Exception:  # noqa: BLE001 - any failure means "no"
        return False


def pe_odd_d(t, sinusoidal_positions):
    """an odd d ends with a sine column"""
    sizes = ((6, 7), (4, 3), (2, 1))
    outputs = []
    for T, d in sizes:
        try:
            outputs.append(sinusoidal_positions(T, d))
        except RuntimeError as error:
            if isinstance(error, NotImplementedError):
                raise
            # The shape mismatch of an even-d formula is confirmed when d + 1 works.
            t.fail(f"sinusoidal_positions({T}, {d}) raised {_raised(error)}",
                   "fails for an odd d: there is one sine column more than cosine columns, so cos gets angles[:, :d // 2]"
                   if _matches_reference_for(sinusoidal_positions, T, d + 1) else None)
    _compare_positions(t, sizes, outputs)


# ---------------------------------------------------------------------------
# Block


_BLOCK_LAYOUT = ("self.ln1, self.ln2 = nn.LayerNorm(d_model); self.attn = MultiHeadAttention(...); "
                 "self.ffn = FeedForward(d_model, d_ff, dropout)")


def _block_pair(t, Block, d_model, n_heads, d_ff=None, dropout=0.0, seed=0):
    """The learner's Block and the reference's, in eval mode, with the same weights."""
    _require_dependencies(t, Block, "Block")
    torch.manual_seed(seed)
    want = explicit_weights(reference.Block(d_model, n_heads, d_ff=d_ff, dropout=dropout), seed).eval()
    mine = Block(d_model, n_heads, d_ff=d_ff, dropout=dropout)
    if d_ff is None:
        fc = mine.state_dict().get("ffn.fc.weight") if t.is_module(mine) else None
        t.expect(fc is None or fc.shape[0] == 4 * d_model,
                 f"Block({d_model}, {n_heads}) has a feed-forward width of {fc.shape[0] if fc is not None else '?'}, "
                 f"expected 4 * d_model = {4 * d_model}",
                 "d_ff=None should mean the usual width, d_ff = 4 * d_model")
    else:
        fc = mine.state_dict().get("ffn.fc.weight") if t.is_module(mine) else None
        # The learner's FeedForward has passed its own checks, so a width of 4 * d_model is the Block's doing.
        t.expect(fc is None or fc.shape[0] == d_ff,
                 f"Block({d_model}, {n_heads}, d_ff={d_ff}) has a feed-forward width of {fc.shape[0] if fc is not None else '?'}, "
                 f"expected d_ff = {d_ff}",
                 "d_ff not passed on: build FeedForward(d_model, d_ff, dropout) with the d_ff Block was given"
                 if fc is not None and fc.shape[0] == 4 * d_model else None)
    return t.load_reference_weights(mine, want, _BLOCK_LAYOUT), want


def _attend(b, h, causal=True):
    """The reference block's attention, with its causal mask switched off for one call if asked."""
    if causal:
        return b.attn(h)
    b.attn.causal = False
    try:
        return b.attn(h)
    finally:
        b.attn.causal = True


def _block_twin(b, x, *, post_ln=False, residual=(True, True), ffn_first=False, ln_for_ffn=None, normalise_stream=False, causal=True,
                parallel=False, one_residual=False, norm_after=False, swap_norms=False, ffn_reads_branch=False):
    """The reference forward with one knob turned."""
    if parallel:
        return x + _attend(b, b.ln1(x), causal) + b.ffn(b.ln2(x))
    if one_residual:
        return x + b.ffn(b.ln2(_attend(b, b.ln1(x), causal)))
    if ffn_reads_branch:
        branch = _attend(b, b.ln1(x), causal)
        return x + branch + b.ffn(b.ln2(branch))
    if norm_after:
        x = x + b.ln1(_attend(b, x, causal))
        return x + b.ln2(b.ffn(x))
    first_ln, second_ln = (b.ln2, b.ln1) if swap_norms else (b.ln1, b.ln2)
    sublayers = [(first_ln, lambda h: _attend(b, h, causal), residual[0]), (ln_for_ffn or second_ln, b.ffn, residual[1])]
    if ffn_first:
        sublayers.reverse()
    for ln, sublayer, add in sublayers:
        if post_ln:
            x = ln(x + sublayer(x))
        elif normalise_stream:
            x = ln(x)
            x = x + sublayer(x)
        else:
            x = x + sublayer(ln(x)) if add else sublayer(ln(x))
    return x


def _block_mistakes(b, x):
    return {
        "post-LN (x = ln(x + sublayer(x))) instead of pre-LN (x = x + sublayer(ln(x)))": _block_twin(b, x, post_ln=True),
        "no residual connections: x = x + attn(ln1(x)), then x = x + ffn(ln2(x))": _block_twin(b, x, residual=(False, False)),
        "attention's residual missing: x = x + attn(ln1(x))": _block_twin(b, x, residual=(False, True)),
        "feed-forward's residual missing: x = x + ffn(ln2(x))": _block_twin(b, x, residual=(True, False)),
        "feed-forward before attention: attention comes first": _block_twin(b, x, ffn_first=True),
        "ln1 used before the feed-forward too: each sublayer has its own LayerNorm (ln2 for ffn)": _block_twin(b, x, ln_for_ffn=b.ln1),
        "LayerNorm applied to the residual stream itself (x = ln1(x)): normalise only the sublayer's input, x + attn(ln1(x))":
            _block_twin(b, x, normalise_stream=True),
        "attention in the block is not causal: build MultiHeadAttention(..., causal=True)": _block_twin(b, x, causal=False),
        "attention and feed-forward side by side, both reading the block's input: the feed-forward reads the stream "
        "after attention's residual, x = x + attn(ln1(x)), then x = x + ffn(ln2(x))": _block_twin(b, x, parallel=True),
        "one residual around both sublayers: each sublayer adds to the stream, x = x + attn(ln1(x)), then x = x + ffn(ln2(x))":
            _block_twin(b, x, one_residual=True),
        "LayerNorm applied to the sublayer's output (x + ln(sublayer(x))): pre-LN normalises its input, x + sublayer(ln(x))":
            _block_twin(b, x, norm_after=True),
        "ln1 and ln2 swapped: ln1 goes before attention, ln2 before the feed-forward": _block_twin(b, x, swap_norms=True),
        "the feed-forward reads attention's output alone, not the stream: x = x + attn(ln1(x)), then x = x + ffn(ln2(x))":
            _block_twin(b, x, ffn_reads_branch=True),
    }


_BLOCK_SHAPES = [  # (B, T, d_model, n_heads, d_ff)
    (2, 5, 16, 2, None),
    (1, 7, 32, 4, 48),
    (3, 4, 24, 1, None),
    (2, 1, 16, 4, None),  # a single position
]


def block_parameters(t, Block):
    """has ln1, attn, ln2 and ffn with d_ff = 4·d_model by default: 3,280 parameters for Block(16, 2)"""
    for d_ff in (None, 40):
        mine, want = _block_pair(t, Block, 16, 2, d_ff=d_ff)
        extra = [key for key in mine.state_dict() if key not in want.state_dict()]
        t.expect(_num_parameters(mine) == _num_parameters(want),
                 f"Block(16, 2, d_ff={d_ff}) has {_num_parameters(mine)} parameters, expected {_num_parameters(want)}"
                 + (f"; not in the docstring's layout: {', '.join(extra)}" if extra else ""))


def block_matches_reference(t, Block):
    """output matches the reference with the same weights"""
    with torch.no_grad():
        runs, cases = [], []
        for seed, (B, T, d_model, n_heads, d_ff) in enumerate(_BLOCK_SHAPES):
            mine, want = _block_pair(t, Block, d_model, n_heads, d_ff=d_ff, seed=seed)
            x = _randn(seed, B, T, d_model)
            runs.append((want, x))
            cases.append((f"output [B={B}, T={T}, d_model={d_model}, n_heads={n_heads}, d_ff={d_ff}]", mine(x), want(x)))
        _close_cases(t, cases, atol=1e-5, twins=lambda i: _block_mistakes(*runs[i]), position_dim=1,
                     contract="x = x + attn(ln1(x)), then x = x + ffn(ln2(x))")


def block_is_causal(t, Block):
    """is causal: changing future tokens leaves earlier outputs unchanged"""
    with torch.no_grad():
        mine, want = _block_pair(t, Block, 16, 2, seed=7)
        x = _randn(7, 2, 8, 16)
        changed = x.clone()
        changed[:, 5:] = _randn(8, 2, 3, 16)
        try:
            t.causal(mine, x, changed, 5, atol=1e-5)
        except CheckFailed as leak:
            # A leak has more causes than a missing mask (heads merged without their transpose
            # mix positions too): name one only if its twin explains both outputs.
            inputs = (x, changed)
            t.fail(leak.message, _twin_matching_every([mine(h) for h in inputs], [_block_mistakes(want, h) for h in inputs], 1e-5))


def block_dropout_only_in_training(t, Block):
    """passes dropout to attention and feed-forward and adds none of its own; off in eval, on in training"""
    p = 0.5
    with torch.no_grad():
        mine, want = _block_pair(t, Block, 16, 2, dropout=p, seed=9)
        x = _randn(9, 2, 6, 16)
        for part in ("attn", "ffn"):
            sublayer = getattr(mine, part).train()
            t.expect(not torch.equal(sublayer(x), sublayer(x)),
                     f"Block(16, 2, dropout={p}).{part} in training mode gives the same output twice: it has no dropout",
                     "dropout not passed on: Block(..., dropout) hands it to MultiHeadAttention and FeedForward")
        share = _zeroed_share(mine.ffn(x))
        t.expect(abs(share - p) <= 0.15,
                 f"Block(16, 2, dropout={p}).ffn in training mode zeroes {share:.0%} of its output, expected about {p:.0%}")
        mine.eval()
        t.dropout_only_in_training(mine, lambda: mine(x), want(x), atol=1e-5)
        # With both sublayers in eval mode nothing random is left in the reference: any change comes from
        # a dropout of the block's own.
        mine.train()
        mine.attn.eval()
        mine.ffn.eval()
        t.expect(torch.equal(mine(x), mine(x)),
                 f"Block(16, 2, dropout={p}) in training mode, with its attn and ffn in eval mode, gives another output on "
                 "each call: something outside the two sublayers drops out",
                 "dropout on the residual branches: the block adds attn(ln1(x)) and ffn(ln2(x)) as they are, dropout "
                 "lives inside MultiHeadAttention and FeedForward")


# ---------------------------------------------------------------------------
# GPT


_GPT_LAYOUT = ("self.tok_emb, self.pos_emb = nn.Embedding(...); self.blocks = nn.ModuleList of Blocks; "
               "self.ln_f = nn.LayerNorm(d_model); self.lm_head = nn.Linear(d_model, vocab_size, bias=False)")
_GPT_CONFIGS = [  # (vocab_size, block_size, n_layer, n_head, d_model), (B, T)
    ((20, 8, 2, 2, 16), (3, 8)),
    ((11, 12, 1, 4, 32), (2, 5)),
]


def _gpt_pair(t, GPT, config, dropout=0.0, seed=0):
    """The learner's GPT and the reference's, in eval mode, with the same weights."""
    _require_dependencies(t, GPT, "GPT")
    torch.manual_seed(seed)
    want = explicit_weights(reference.GPT(*config, dropout=dropout), seed).eval()
    torch.manual_seed(seed)
    mine = GPT(*config, dropout=dropout)
    t.expect(t.is_module(mine), "GPT should subclass nn.Module")
    state = mine.state_dict()
    t.expect("lm_head.bias" not in state, "lm_head has a bias",
             "the LM head has a bias: nn.Linear(d_model, vocab_size, bias=False), so that it can share tok_emb's matrix")
    vocab_size, block_size = config[0], config[1]
    positions = state.get("pos_emb.weight")
    t.expect(positions is None or positions.shape[0] != vocab_size or vocab_size == block_size,
             f"pos_emb.weight has shape {tuple(positions.shape) if positions is not None else '?'}, expected ({block_size}, {config[4]})",
             "the position table sized by vocab_size: one row per position, nn.Embedding(block_size, d_model)")
    return t.load_reference_weights(mine, want, _GPT_LAYOUT), want


def _tie(model):
    """"tied" when lm_head.weight and tok_emb.weight are one Parameter, "data" when they are two
    sharing one storage, "untied" when they are two of their own."""
    names = {name for name, _ in model.named_parameters()}  # a shared Parameter comes once
    if not {"lm_head.weight", "tok_emb.weight"} <= names:
        return "tied"
    storages = {remote_facts(model.lm_head.weight)["storage"], remote_facts(model.tok_emb.weight)["storage"]}
    return "data" if len(storages) == 1 else "untied"


def _gpt_twin(m, idx, *, positions=True, final_ln=True, scale_embeddings=False, chain=True):
    """The reference's logits with one knob turned."""
    x = m.tok_emb(idx)  # (B, T, d)
    if scale_embeddings:
        x = x * math.sqrt(x.size(-1))
    if positions == "ids":  # the positions' table looked up with the token ids
        x = x + m.pos_emb(idx)
    elif positions:
        x = x + m.pos_emb(torch.arange(idx.size(1)))
    h = x
    for block in m.blocks:
        h = block(h if chain else x)
    return m.lm_head(m.ln_f(h) if final_ln else h)


def _gpt_mistakes(m, idx, with_targets):
    logits = _gpt_twin(m, idx)
    return {
        "positions not added: x = tok_emb(idx) + pos_emb(torch.arange(T))": _gpt_twin(m, idx, positions=False),
        "final LayerNorm missing: logits = lm_head(ln_f(x))": _gpt_twin(m, idx, final_ln=False),
        "token embeddings multiplied by √d_model (the original Transformer does it; this GPT does not)":
            _gpt_twin(m, idx, scale_embeddings=True),
        "blocks not chained: each block must take the previous block's output, x = block(x)": _gpt_twin(m, idx, chain=False),
        # nanoGPT's shortcut for generation, taken only when there are no targets
        "logits only for the last position: return logits for every position, (B, T, vocab_size), also without targets":
            logits if with_targets else logits[:, -1:],
        "softmax applied to the logits: forward returns the raw lm_head output, cross-entropy and sampling take it from there":
            logits.softmax(-1),
        "log_softmax applied to the logits: forward returns the raw lm_head output, (B, T, vocab_size)": logits.log_softmax(-1),
        "logits returned flattened to (B·T, vocab_size) when targets are given: flatten a copy for the loss, return (B, T, vocab_size)":
            logits.reshape(-1, logits.size(-1)) if with_targets else logits,
    }


def _smoothing_of(loss, logits, targets):
    """The ε of F.cross_entropy(..., label_smoothing=ε) that the learner's `loss` implies, else None:
    that loss is (1 - ε)·CE + ε·(the mean over classes and positions of -log p)."""
    if not (isinstance(loss, torch.Tensor) and loss.numel() == 1 and loss.dtype.is_floating_point):
        return None
    flat = logits.reshape(-1, logits.size(-1)).double()
    plain = float(F.cross_entropy(flat, targets.reshape(-1)))
    uniform = float(-flat.log_softmax(-1).mean())
    epsilon = (float(loss) - plain) / (uniform - plain)
    return round(epsilon, 4) if 0.001 <= epsilon < 1 else None


def _loss_mistakes(logits, targets, smoothing=None):
    """`smoothing`: the ε the learner's first loss implies, for a label-smoothing twin."""
    V = logits.size(-1)
    flat_logits, flat_targets = logits.reshape(-1, V), targets.reshape(-1)
    smoothed = {"label smoothing in the loss: the mean cross-entropy is plain F.cross_entropy(logits, targets), no label_smoothing":
                F.cross_entropy(flat_logits, flat_targets, label_smoothing=smoothing)} if smoothing is not None else {}
    return {
        "loss summed instead of averaged: the mean over all B·T positions (F.cross_entropy's default)":
            F.cross_entropy(flat_logits, flat_targets, reduction="sum"),
        "targets shifted again inside forward: targets[:, t] already is the token after idx[:, t]":
            F.cross_entropy(logits[:, :-1].reshape(-1, V), targets[:, 1:].reshape(-1)),
        "cross_entropy given probabilities: pass the raw logits, it applies log-softmax itself":
            F.cross_entropy(flat_logits.softmax(-1), flat_targets),
        "a loss per position (reduction='none'): the loss is one number, the mean over all B·T positions":
            F.cross_entropy(flat_logits, flat_targets, reduction="none"),
        "loss summed over the positions and averaged over the batch: the mean over all B·T positions":
            F.cross_entropy(flat_logits, flat_targets, reduction="sum") / logits.size(0),
        "nll_loss on raw logits: nll_loss expects log-probabilities, F.cross_entropy applies log-softmax itself":
            F.nll_loss(flat_logits, flat_targets),
        "loss averaged over the vocabulary too: -(log_softmax * one_hot).mean() divides by V as well; "
        "use F.cross_entropy, the mean over the B·T positions only": F.cross_entropy(flat_logits, flat_targets) / V,
    } | smoothed


def _logits_and_loss(t, result):
    t.expect(isinstance(result, tuple) and len(result) == 2,
             f"forward should return a tuple (logits, loss), got {type(result).__name__}",
             "forward returns only the logits, not (logits, loss)" if isinstance(result, torch.Tensor) else None)
    first, second = result
    # (None, logits) without targets, (scalar, logits) with them: the pair in the other order.
    swapped = (isinstance(second, torch.Tensor) and second.dim() == 3
               and (first is None or isinstance(first, torch.Tensor) and first.dim() == 0))
    t.expect(not swapped, f"forward returned ({'None' if first is None else 'a scalar'}, a tensor of shape "
             f"{tuple(second.shape) if isinstance(second, torch.Tensor) else '?'}), expected (logits, loss)",
             "forward returns (loss, logits): the docstring's order is (logits, loss)")
    return result


def _call_gpt(t, model, idx, targets=None):
    return _logits_and_loss(t, model(idx, targets) if targets is not None else model(idx))


def gpt_parameters(t, GPT):
    """has tok_emb, pos_emb, blocks, ln_f and lm_head with the reference's shapes"""
    for config, _ in _GPT_CONFIGS:
        mine, _ = _gpt_pair(t, GPT, config)
        n_layer = config[2]
        blocks = getattr(mine, "blocks", None)
        is_list = t.is_instance(blocks, "torch.nn.modules.container.ModuleList")
        t.expect(is_list and len(blocks) == n_layer, f"self.blocks should be an nn.ModuleList of {n_layer} Blocks, got "
                 + (f"one of {len(blocks)}" if is_list else t.type_name(blocks)))


def gpt_ties_weights(t, GPT):
    """the LM head is tied to the token embedding: one Parameter, not two"""
    config, _ = _GPT_CONFIGS[0]
    mine, _ = _gpt_pair(t, GPT, config)
    tie = _tie(mine)
    t.expect(tie != "data", "lm_head.weight and tok_emb.weight share storage but are two Parameters",
             "tied through .data: assign the Parameter itself, self.lm_head.weight = self.tok_emb.weight")
    t.expect(tie != "untied", "lm_head.weight and tok_emb.weight are separate tensors",
             "LM head not tied to the token embedding: self.lm_head.weight = self.tok_emb.weight")


def gpt_matches_reference(t, GPT):
    """logits and loss match the reference with the same weights; loss is None without targets"""
    with torch.no_grad():
        runs, logits_cases, loss_runs, loss_cases = [], [], [], []
        for seed, (config, (B, T)) in enumerate(_GPT_CONFIGS):
            mine, want = _gpt_pair(t, GPT, config, seed=seed)
            vocab_size = config[0]
            idx, targets = _tokens(seed, vocab_size, B, T), _tokens(seed + 100, vocab_size, B, T)
            logits, loss = _call_gpt(t, mine, idx)
            t.expect(loss is None, f"without targets the loss should be None, got {type(loss).__name__}")
            try:
                logits_with_targets, loss = _call_gpt(t, mine, idx, targets)
            except RuntimeError as error:
                if isinstance(error, NotImplementedError):
                    raise
                # torch's own words for a (B, T, V) input to cross_entropy and for `if tensor:`
                unflattened, truth_value = "Expected target size" in str(error), "Boolean value of Tensor" in str(error)
                t.fail(f"forward(idx ({B}, {T}), targets ({B}, {T})) raised {_raised(error)}",
                       "cross_entropy given (B, T, V) logits: it reads the classes from dim 1; "
                       "flatten to logits.view(B * T, V) and targets.view(B * T)" if unflattened else
                       "`if targets:` asks a tensor for its truth value: test `if targets is None`" if truth_value else None)
            t.expect(loss is not None, "forward(idx, targets) returned the loss None: with targets it is their mean cross-entropy",
                     "targets ignored: with targets forward returns (logits, F.cross_entropy(...)), the loss None only without them")
            want_logits, want_loss = want(idx, targets)
            runs += [(want, idx, False), (want, idx, True)]
            logits_cases += [(f"logits [config {config}, idx ({B}, {T})]", logits, want_logits),
                             (f"logits with targets [config {config}, idx ({B}, {T})]", logits_with_targets, want_logits)]
            loss_runs.append((want_logits, targets))
            loss_cases.append((f"loss [config {config}, idx ({B}, {T})]", loss, want_loss))
        _close_cases(t, logits_cases, atol=1e-4, twins=lambda i: _gpt_mistakes(*runs[i]), position_dim=1,
                     contract="logits (B, T, vocab_size): idx -> tok_emb + pos_emb -> dropout -> blocks -> ln_f -> lm_head")
        smoothing = _smoothing_of(loss_cases[0][1], *loss_runs[0])
        _close_cases(t, loss_cases, atol=1e-4, twins=lambda i: _loss_mistakes(*loss_runs[i], smoothing=smoothing),
                     contract="loss: mean cross-entropy of logits against targets")


def gpt_gradients(t, GPT):
    """the loss backpropagates to every parameter as in the reference, the tied matrix from both its uses"""
    config, (B, T) = _GPT_CONFIGS[0]
    mine, want = _gpt_pair(t, GPT, config, seed=1)
    idx, targets = _tokens(1, config[0], B, T), _tokens(2, config[0], B, T)
    result, problem = t.grad_call(mine, idx, targets, select=(1,))
    logits, _ = _logits_and_loss(t, result)
    logits_in_graph = isinstance(logits, torch.Tensor) and logits.requires_grad
    t.expect(problem is None, f"no backward pass from the loss of forward(idx, targets): {problem}",
             "the loss is cut off from autograd (.item(), .detach() or torch.tensor(...)): return F.cross_entropy(...) itself"
             if logits_in_graph else None)
    want(idx, targets)[1].backward()
    mine_parameters = dict(mine.named_parameters(remove_duplicate=False))  # a tied Parameter under both its names
    for name, parameter in want.named_parameters():
        grad = mine_parameters[name].grad
        t.expect(grad is not None, f"after loss.backward() {name} has no gradient")
        t.close(grad, parameter.grad, what=f"the gradient of {name}", atol=1e-5)


def gpt_is_causal(t, GPT):
    """is causal: changing future tokens leaves earlier logits unchanged"""
    with torch.no_grad():
        config, (B, T) = _GPT_CONFIGS[0]
        mine, _ = _gpt_pair(t, GPT, config, seed=5)
        idx = _tokens(5, config[0], B, T)
        changed = idx.clone()
        changed[:, 5:] = (idx[:, 5:] + 1) % config[0]
        t.causal(lambda tokens: _call_gpt(t, mine, tokens)[0], idx, changed, 5, what="logits", atol=1e-5)


def gpt_loss_at_init(t, GPT):
    """a fresh model's loss is within 0.1 of ln(vocab_size): the first guess is close to uniform"""
    _require_dependencies(t, GPT, "GPT")
    vocab_size = 20
    torch.manual_seed(0)
    mine = GPT(vocab_size, 16, 2, 2, 32)
    mine.eval()
    with torch.no_grad():
        _, loss = _call_gpt(t, mine, _tokens(3, vocab_size, 8, 16), _tokens(4, vocab_size, 8, 16))
    loss = float(t.tensor(loss, "loss"))
    if abs(loss - math.log(vocab_size)) <= 0.1:
        return
    message = f"the loss of a fresh GPT(vocab_size=20, ...) on random targets is {loss:.3f}, expected ln 20 = {math.log(20):.3f} ± 0.1"
    t.fail(message, _init_mistake(t, GPT, mine.state_dict(), (vocab_size, 16, 2, 2, 32)) or
           "loss at init far from ln(vocab_size): initialise every Linear and Embedding weight with normal(0, 0.02), biases with 0")


def _init_mistake(t, GPT, state, config):
    """The diagnosis for a fresh GPT's state dict whose every weight shows one slip in nn.init.normal_, else None."""
    layout = reference.GPT(*config)
    if any(key not in state for key in layout.state_dict()):
        return None
    kinds = {"weights": [], "linear_weights": [], "biases": [], "norms": []}
    for name, module in layout.named_modules():
        if isinstance(module, (nn.Linear, nn.Embedding)):
            kinds["weights"].append(state[f"{name}.weight"].double())
            if isinstance(module, nn.Linear):
                kinds["linear_weights"].append(state[f"{name}.weight"].double())
        if isinstance(module, nn.Linear) and module.bias is not None:
            kinds["biases"].append(state[f"{name}.bias"].double())
        if isinstance(module, nn.LayerNorm):
            kinds["norms"] += [state[f"{name}.weight"].double(), state[f"{name}.bias"].double()]

    def all_near(tensors, std, mean=0.0, share=0.1):
        return all(abs(float(w.std()) - std) <= share * std and abs(float(w.mean()) - mean) <= max(0.03, 3 * std / w.numel() ** 0.5)
                   for w in tensors)

    if all_near(kinds["weights"], math.sqrt(0.02)):
        return "std √0.02 = 0.141: 0.02 is the standard deviation itself, nn.init.normal_(w, mean=0.0, std=0.02)"
    if all_near(kinds["weights"] + kinds["norms"] + kinds["biases"], 0.02, share=0.25):
        return ("every parameter drawn from normal(0, 0.02), LayerNorms and biases too: draw only the Linear and Embedding "
                "weights, zero the Linear biases, leave the LayerNorms at weight 1 and bias 0")
    if all(abs(float(w.std()) - 1) <= 0.1 for w in kinds["linear_weights"]):
        # Every Linear at std 1 (PyTorch's default is about 1/√(3·fan_in)): normal_(w, 0.02) reads 0.02 as the mean.
        # A larger model tells a mean of 0.02 from 0.
        torch.manual_seed(0)
        big = GPT(200, 64, 2, 2, 64).state_dict()
        pooled = torch.cat([big[key].double().flatten() for key in big if key.endswith("weight") and big[key].dim() == 2])
        if abs(float(pooled.mean()) - 0.02) <= 0.01 and abs(float(pooled.std()) - 1) <= 0.05:
            return "0.02 passed as the mean: nn.init.normal_(w, 0.02) means mean=0.02, std=1; write normal_(w, mean=0.0, std=0.02)"
    return None


def _pytorch_default_std(module):
    """The std of PyTorch's own initial weights: N(0, 1) for an Embedding, U(±1/√fan_in) for a Linear."""
    return 1.0 if isinstance(module, nn.Embedding) else 1 / math.sqrt(3 * module.in_features)


def gpt_initialisation(t, GPT):
    """starts every Linear and Embedding weight at normal(0, 0.02), Linear biases at 0, LayerNorms at 1 and 0"""
    _require_dependencies(t, GPT, "GPT")
    config = (20, 16, 2, 2, 32)
    torch.manual_seed(0)
    state = GPT(*config).state_dict()
    layout = reference.GPT(*config)  # which entry belongs to which kind of layer
    missing = [key for key in layout.state_dict() if key not in state]
    t.expect(not missing, f"a fresh GPT{config} has no {', '.join(missing)} (expected {_GPT_LAYOUT})")
    slip = _init_mistake(t, GPT, state, config)
    t.expect(slip is None, f"a fresh GPT{config} does not start from normal(0, 0.02) weights, zero biases and LayerNorms at 1 and 0",
             slip)
    for name, module in layout.named_modules():
        if isinstance(module, (nn.Linear, nn.Embedding)):
            weight = state[f"{name}.weight"].double()
            std, mean = float(weight.std()), float(weight.mean())
            default = _pytorch_default_std(module)
            gpt2_scaled = 0.02 / math.sqrt(2 * config[2])  # GPT-2's std for the projections back into the stream
            scaled_like_gpt2 = name.endswith("proj") and abs(std - gpt2_scaled) <= 0.15 * gpt2_scaled
            t.expect(abs(std - 0.02) <= 0.004 and abs(mean) <= 0.005,
                     f"a fresh GPT{config} has {name}.weight with mean {mean:.3g} and std {std:.3g}, expected normal(0, 0.02)",
                     "weights keep PyTorch's default initialisation: loop over self.modules() and draw every nn.Linear and "
                     "nn.Embedding weight from normal(0, 0.02)" if abs(std - default) <= 0.15 * default else
                     "residual projections drawn with std 0.02 / √(2·n_layer), GPT-2's scaled init: this GPT draws every "
                     "weight from normal(0, 0.02)" if scaled_like_gpt2 else None)
        if isinstance(module, nn.Linear) and module.bias is not None:
            bias = state[f"{name}.bias"]
            t.expect(not bias.any(), f"a fresh GPT{config} has {name}.bias up to {float(bias.abs().max()):.3g}, expected 0: "
                     "every Linear bias starts at 0")
        if isinstance(module, nn.LayerNorm):
            weight, bias = state[f"{name}.weight"], state[f"{name}.bias"]
            t.expect(bool((weight == 1).all()) and not bias.any(),
                     f"a fresh GPT{config} has a LayerNorm {name} that does not start at weight 1 and bias 0")


def gpt_num_params(t, GPT):
    """num_params() is an int equal to the reference's, the tied matrix counted once"""
    for config, _ in _GPT_CONFIGS:
        mine, want = _gpt_pair(t, GPT, config)
        vocab_size, d_model = config[0], config[4]
        count, expected = mine.num_params(), want.num_params()
        t.expect(type(count) is int, f"num_params() of GPT{config} returned a {type(count).__name__}, expected an int")
        tensors = len(list(want.parameters()))
        t.expect(count != tensors or count == expected,
                 f"num_params() of GPT{config} is {count}, expected {expected}: {count} is the number of parameter tensors",
                 "parameter tensors counted, not their elements: sum(p.numel() for p in self.parameters())")
        if count == expected + vocab_size * d_model:
            tie = _tie(mine)
            too_many = f"num_params() of GPT{config} is {count}, expected {expected}: {vocab_size}·{d_model} too many"
            t.expect(tie != "tied", too_many, "tied matrix counted twice: sum over self.parameters(), which yields a shared Parameter once")
            t.expect(tie != "data", f"{too_many}, as lm_head.weight and tok_emb.weight are two Parameters",
                     "tied through .data: assign the Parameter itself, self.lm_head.weight = self.tok_emb.weight")
            t.fail(f"{too_many}: the untied LM head adds them", "LM head not tied to the token embedding: self.lm_head.weight = self.tok_emb.weight")
        block_size = config[1]
        short = {
            block_size * d_model: ("the position embeddings",
                                   "position embeddings left out of the count (nanoGPT's non_embedding=True): count every parameter"),
            vocab_size * d_model: ("the tied matrix", "the tied matrix left out of the count: it is a parameter too, counted once"),
        }.get(expected - count)
        t.expect(count == expected, f"num_params() of GPT{config} is {count}, expected {expected}"
                 + (f": {expected - count} = {short[0]} too few" if short else ""), short[1] if short else None)
    count = GPT(65, 64, 4, 4, 128).num_params()
    t.expect(count == 809_856, f"num_params() of the docstring's GPT(65, 64, 4, 4, 128) is {count}, expected 809,856")


def gpt_dropout_only_in_training(t, GPT):
    """drops out the summed embeddings (before ln_f) and passes dropout to the blocks; off in eval, on in training"""
    config, (B, T) = _GPT_CONFIGS[0]
    p = 0.5
    with torch.no_grad():
        mine, want = _gpt_pair(t, GPT, config, dropout=p, seed=6)
        x = _randn(6, B, T, config[4])
        for i, block in enumerate(mine.blocks):
            block.train()
            t.expect(not torch.equal(block(x), block(x)),
                     f"GPT(..., dropout={p}).blocks[{i}] in training mode gives the same output twice: it has no dropout",
                     "dropout not passed on to the blocks: Block(d_model, n_head, dropout=dropout)")
        idx = _tokens(6, config[0], B, T)
        without, _ = _gpt_pair(t, GPT, config, dropout=0.0, seed=6)
        without.train()
        without.blocks.eval()
        t.expect(torch.equal(_call_gpt(t, without, idx)[0], _call_gpt(t, without, idx)[0]),
                 "GPT(..., dropout=0.0) in training mode with its blocks in eval mode gives other logits on each call: "
                 "with dropout=0.0 nothing is dropped",
                 "the dropout rate ignored: self.dropout = nn.Dropout(dropout), with the rate GPT was given")
        mine.train()
        mine.blocks.eval()  # what still changes the logits is the dropout outside the blocks
        t.expect(not torch.equal(_call_gpt(t, mine, idx)[0], _call_gpt(t, mine, idx)[0]),
                 f"GPT(..., dropout={p}) in training mode with its blocks in eval mode gives the same logits twice",
                 "no dropout on the embeddings: x = self.dropout(self.tok_emb(idx) + self.pos_emb(pos))")
        mine.eval()
        t.dropout_only_in_training(mine, lambda: _call_gpt(t, mine, idx)[0], want(idx)[0], what="logits", atol=1e-4)
        _dropout_before_the_final_norm(t, GPT, config, idx, p)


def _dropout_before_the_final_norm(t, GPT, config, idx, p):
    """Fail if the dropout outside the blocks acts after ln_f. On this probe the blocks add nothing and
    every embedding row is constant, so ln_f's input is constant along d and its output 0 (bias 0):
    dropping the embeddings breaks that (ln_f's weights differ per feature, so the logits change),
    dropping after ln_f drops zeros and changes nothing."""
    probe = reference.GPT(*config, dropout=p)
    vocab_size, block_size, _, _, d_model = config
    with torch.no_grad():
        for block in probe.blocks:  # blocks that add 0 to the stream: each is the identity
            for projection in (block.attn.proj, block.ffn.proj):
                projection.weight.zero_()
                projection.bias.zero_()
        # Multiples of 1/4: the LayerNorm mean of a row is exact, so x - mean is exactly 0.
        probe.tok_emb.weight.copy_((torch.arange(vocab_size, dtype=torch.float32)[:, None] + 1) / 4 * torch.ones(d_model))
        probe.pos_emb.weight.zero_()
        probe.ln_f.weight.copy_(torch.linspace(0.5, 2.0, d_model))
        probe.ln_f.bias.zero_()
        mine = t.load_reference_weights(GPT(*config, dropout=p), probe, _GPT_LAYOUT).train()
        mine.blocks.eval()
        first, second = (t.tensor(_call_gpt(t, mine, idx)[0], "logits") for _ in range(2))
    t.expect(not torch.equal(first, second),
             f"GPT(..., dropout={p}) in training mode (blocks in eval mode) gives the same logits twice when every embedding "
             "row is constant along d_model and the blocks add nothing, so ln_f's output is 0: dropping the summed embeddings "
             "would change the logits, dropping after ln_f cannot",
             "dropout after the final LayerNorm (or on the logits), not on the summed embeddings: "
             "x = self.dropout(self.tok_emb(idx) + self.pos_emb(pos))")


def _is_value_error(t, error):
    """A ValueError, or an exception class of the learner's own that subclasses ValueError (the
    judge sees those as LearnerError: the class stays in the contestant)."""
    if isinstance(error, ValueError):
        return True
    remote = getattr(error, "remote", None)
    if remote is None or remote["builtin"]:
        return False
    try:
        raised = t.learner("transformer", remote["type"])
    except AttributeError:  # not a name of the learner's module
        return False
    return any(repr(cls) == "<class 'ValueError'>" for cls in raised.mro())


def _short_sequence_mistake(t, GPT, T, block_size, error=None):
    """The diagnosis for a GPT that fails on idx of length T <= block_size, when a probe confirms one:
    positions looked up with the token ids (an IndexError once an id reaches block_size; with every
    id below block_size the twin must match), or a model right at T = block_size only."""
    try:
        with torch.no_grad():
            if isinstance(error, IndexError):
                config = (6, block_size, 1, 2, 16)  # every token id is a valid position
                mine, want = _gpt_pair(t, GPT, config, seed=11)
                if all(_same(_call_gpt(t, mine, idx)[0], _gpt_twin(want, idx, positions="ids"), 1e-4)
                       for idx in (_tokens(11, 6, 2, block_size), _tokens(12, 6, 3, 3))):
                    return "positions looked up with the token ids: pos_emb(torch.arange(T)), not pos_emb(idx)"
                return None
            if T < block_size:
                mine, want = _gpt_pair(t, GPT, (20, block_size, 1, 2, 16), seed=12)
                idx = _tokens(13, 20, 2, block_size)
                if _same(_call_gpt(t, mine, idx)[0], want(idx)[0], 1e-4):
                    return ("right only for T = block_size: take T from idx.shape, B, T = idx.shape, for the positions "
                            "(torch.arange(T)) and every shape, never block_size")
    except Exception:  # noqa: BLE001 - a probe that fails confirms nothing
        return None
    return None


def gpt_block_size(t, GPT):
    """takes any T up to block_size; a longer sequence raises a ValueError"""
    _require_dependencies(t, GPT, "GPT")
    vocab_size, block_size = 20, 8
    torch.manual_seed(0)
    mine = GPT(vocab_size, block_size, 1, 2, 16)
    mine.eval()
    with torch.no_grad():
        for T in (1, block_size - 1, block_size):
            idx = _tokens(T, vocab_size, 2, T)
            try:
                logits = t.tensor(_call_gpt(t, mine, idx)[0], "logits")
            except ValueError as error:
                t.expect(T != block_size, f"idx of length {block_size} with block_size {block_size} raised {_raised(error)}",
                         "T = block_size rejected: a sequence of exactly block_size tokens fits, raise only when T > block_size")
                raise
            except (RuntimeError, IndexError) as error:
                if isinstance(error, NotImplementedError):
                    raise
                t.fail(f"idx (2, {T}) with block_size {block_size} raised {_raised(error)}",
                       _short_sequence_mistake(t, GPT, T, block_size, error))
            if logits.shape != (2, T, vocab_size):
                last_only = T > 1 and _same(logits, _call_gpt(t, mine, idx, idx)[0][:, -1:], 1e-5)  # with targets it gives all T
                t.fail(f"logits for idx (2, {T}) have shape {tuple(logits.shape)}, expected (2, {T}, {vocab_size})",
                       "logits only for the last position: return logits for every position, (B, T, vocab_size), also without targets"
                       if last_only else _short_sequence_mistake(t, GPT, T, block_size))
        too_long = f"idx of length {block_size + 1} with block_size {block_size}"
        try:
            mine(_tokens(9, vocab_size, 2, block_size + 1))
        except NotImplementedError:
            raise
        except Exception as error:  # noqa: BLE001 - what was raised instead says what to fix
            if _is_value_error(t, error):
                return  # the docstring promises the type, not the wording
            own_check = getattr(error, "remote", {}).get("in_learner_code", False)  # raised by a line of core/, not by torch
            t.fail(f"{too_long} raised {_raised(error)}, expected a ValueError",
                   "T > block_size raises the wrong type: the docstring promises a ValueError, raise ValueError(...)" if own_check else
                   "no clear error when T > block_size: check it first, raise ValueError(f\"... longer than block_size ...\")")
        t.fail(f"{too_long} raised no error, expected a ValueError",
               "no clear error when T > block_size: check it first, raise ValueError(f\"... longer than block_size ...\")")


# idx is on the device, so an embedding lookup that mixes devices looks up positions made on the CPU.
_LOOKUP = "embedding"


def gpt_on_the_device_of_its_weights(t, GPT):
    """runs on the device idx and its weights are on (a GPU): positions are made there"""
    config, (B, T) = _GPT_CONFIGS[0]
    mine, _ = _gpt_pair(t, GPT, config)
    idx, targets = _tokens(5, config[0], B, T), _tokens(6, config[0], B, T)
    _, left_behind, mixed = t.on_a_device(lambda: mine(idx, targets))
    t.expect(mixed is None, f"with idx and the weights on a GPU, forward would fail: {mixed}",
             "the positions stay on the CPU: torch.arange(T, device=idx.device)" if mixed and mixed.startswith(_LOOKUP)
             else "a tensor made in forward stays on the CPU: make it with device=idx.device")
    t.expect(not left_behind, "with idx and the weights on a GPU, logits or loss come back on the CPU")


CHECKS = {
    "FeedForward": [ff_parameters, ff_matches_reference, ff_dropout_only_in_training],
    "sinusoidal_positions": [pe_matches_reference, pe_odd_d],
    "Block": [block_dependencies, block_parameters, block_matches_reference, block_is_causal, block_dropout_only_in_training],
    "GPT": [
        gpt_dependencies,
        gpt_parameters,
        gpt_ties_weights,
        gpt_block_size,  # early: a model that rejects T = block_size fails every later check
        gpt_matches_reference,
        gpt_gradients,
        gpt_is_causal,
        gpt_loss_at_init,
        gpt_initialisation,
        gpt_num_params,
        gpt_dropout_only_in_training,
        gpt_on_the_device_of_its_weights,
    ],
}
