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
    return t.load_reference_weights(mine, want, _FF_LAYOUT), want


def _ff_twin(ffn, x, activation=F.gelu, activation_after=False):
    """The reference forward with one knob turned."""
    y = ffn.proj(activation(ffn.fc(x)))
    return F.gelu(y) if activation_after else y


def _ff_mistakes(ffn, x):
    return {
        "ReLU instead of GELU": _ff_twin(ffn, x, activation=F.relu),
        "SiLU (x · sigmoid(x)) instead of GELU: use the exact GELU, nn.GELU() or F.gelu(x)": _ff_twin(ffn, x, activation=F.silu),
        "GELU with the tanh approximation: use the exact GELU, nn.GELU() or F.gelu(x)":
            _ff_twin(ffn, x, activation=lambda h: F.gelu(h, approximate="tanh")),
        "no activation between the two Linears: together they are one linear map": _ff_twin(ffn, x, activation=lambda h: h),
        "GELU applied to the output too: the activation goes between the two Linears only":
            _ff_twin(ffn, x, activation_after=True),
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
    t.expect(_num_parameters(mine) == _num_parameters(want),
             f"FeedForward(8, 32) has {_num_parameters(mine)} parameters, expected {_num_parameters(want)} "
             "(fc 8·32 + 32, proj 32·8 + 8)")


def ff_matches_reference(t, FeedForward):
    """output matches the reference with the same weights (any leading dims)"""
    with torch.no_grad():
        runs, cases = [], []
        for seed, (lead, d_model, d_ff) in enumerate(_FF_SHAPES):
            mine, want = _ff_pair(t, FeedForward, d_model, d_ff, seed=seed)
            x = _randn(seed, *lead, d_model)
            runs.append((want, x))
            cases.append((f"output [x {tuple(x.shape)}, d_ff={d_ff}]", mine(x), want(x)))
        t.close_cases(cases, atol=1e-5, twins=lambda i: _ff_mistakes(*runs[i]))


def ff_dropout_only_in_training(t, FeedForward):
    """dropout acts on the output in training and is off in eval"""
    p = 0.5
    with torch.no_grad():
        mine, want = _ff_pair(t, FeedForward, 16, 64, dropout=p, seed=3)
        x = _randn(3, 4, 8, 16)
        expected = want(x)
        t.dropout_only_in_training(mine, lambda: mine(x), expected, atol=1e-5,
                                   never_applied="dropout never applied: apply self.dropout to the output")
        # nn.Dropout on the output zeroes a share p of the output's entries and scales the rest by 1 / (1 - p).
        dropped = mine(x)
        share = _zeroed_share(dropped)
        what = f"FeedForward(16, 64, dropout={p}) in training mode"
        t.expect(share > 0.01, f"{what} zeroes {share:.0%} of the output's entries, though the output changes from call to call",
                 "dropout applied before the output projection: FeedForward drops its output, self.dropout(self.proj(h))")
        t.expect(abs(share - p) <= 0.15, f"{what} zeroes {share:.0%} of the output's entries, expected about {p:.0%}")
        kept = dropped != 0
        t.close(dropped[kept], expected[kept] / (1 - p), what=f"the entries {what} keeps (the eval output times 1 / (1 - p))",
                atol=1e-5)


# ---------------------------------------------------------------------------
# sinusoidal_positions


def _pe_twin(T, d, *, swap=False, exponent=lambda two_i, j: two_i, start=0, halves=False, columns=None):
    """The reference's formula with one knob turned; `exponent` maps (2i, column j) to the power's numerator."""
    p = torch.arange(start, start + T, dtype=torch.float64)[:, None]  # (T, 1)
    j = torch.arange(d if columns is None else columns, dtype=torch.float64)[None, :]  # (1, d)
    two_i = j - j % 2
    sines = j % 2 == 0
    if halves:  # the ceil(d/2) sines of every frequency, then the d // 2 cosines
        n_sines = (d + 1) // 2
        sines = j < n_sines
        two_i = 2 * torch.where(sines, j, j - n_sines)
    angles = p / 10000 ** (exponent(two_i, j) / d)
    if swap:
        sines = ~sines
    return torch.where(sines, torch.sin(angles), torch.cos(angles)).float()


def _pe_mistakes(T, d):
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
        "sines in the first half and cosines in the second: interleave them, sin in column 2i, cos in 2i+1":
            _pe_twin(T, d, halves=True),
        # For an even d these two are the reference itself.
        "one column too many for an odd d: drop the last cosine": _pe_twin(T, d, columns=d + d % 2),
        "the last column is missing for an odd d: it is a sine without a cosine partner": _pe_twin(T, d, columns=d - d % 2),
    }


def _compare_positions(t, sizes, outputs):
    cases = [(f"sinusoidal_positions({T}, {d})", got, reference.sinusoidal_positions(T, d)) for (T, d), got in zip(sizes, outputs)]
    t.close_cases(cases, atol=1e-5, twins=lambda i: _pe_mistakes(*sizes[i]))


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
                parallel=False):
    """The reference forward with one knob turned."""
    if parallel:
        return x + _attend(b, b.ln1(x), causal) + b.ffn(b.ln2(x))
    sublayers = [(b.ln1, lambda h: _attend(b, h, causal), residual[0]), (ln_for_ffn or b.ln2, b.ffn, residual[1])]
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
        t.expect(_num_parameters(mine) == _num_parameters(want),
                 f"Block(16, 2, d_ff={d_ff}) has {_num_parameters(mine)} parameters, expected {_num_parameters(want)}")


def block_matches_reference(t, Block):
    """output matches the reference with the same weights"""
    with torch.no_grad():
        runs, cases = [], []
        for seed, (B, T, d_model, n_heads, d_ff) in enumerate(_BLOCK_SHAPES):
            mine, want = _block_pair(t, Block, d_model, n_heads, d_ff=d_ff, seed=seed)
            x = _randn(seed, B, T, d_model)
            runs.append((want, x))
            cases.append((f"output [B={B}, T={T}, d_model={d_model}, n_heads={n_heads}, d_ff={d_ff}]", mine(x), want(x)))
        t.close_cases(cases, atol=1e-5, twins=lambda i: _block_mistakes(*runs[i]))


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
    t.expect("lm_head.bias" not in mine.state_dict(), "lm_head has a bias",
             "the LM head has a bias: nn.Linear(d_model, vocab_size, bias=False), so that it can share tok_emb's matrix")
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
    if positions:
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
    }


def _loss_mistakes(logits, targets):
    V = logits.size(-1)
    flat_logits, flat_targets = logits.reshape(-1, V), targets.reshape(-1)
    return {
        "loss summed instead of averaged: the mean over all B·T positions (F.cross_entropy's default)":
            F.cross_entropy(flat_logits, flat_targets, reduction="sum"),
        "targets shifted again inside forward: targets[:, t] already is the token after idx[:, t]":
            F.cross_entropy(logits[:, :-1].reshape(-1, V), targets[:, 1:].reshape(-1)),
        "cross_entropy given probabilities: pass the raw logits, it applies log-softmax itself":
            F.cross_entropy(flat_logits.softmax(-1), flat_targets),
    }


def _logits_and_loss(t, result):
    t.expect(isinstance(result, tuple) and len(result) == 2,
             f"forward should return a tuple (logits, loss), got {type(result).__name__}",
             "forward returns only the logits, not (logits, loss)" if isinstance(result, torch.Tensor) else None)
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
            logits_with_targets, loss = _call_gpt(t, mine, idx, targets)
            want_logits, want_loss = want(idx, targets)
            runs += [(want, idx, False), (want, idx, True)]
            logits_cases += [(f"logits [config {config}, idx ({B}, {T})]", logits, want_logits),
                             (f"logits with targets [config {config}, idx ({B}, {T})]", logits_with_targets, want_logits)]
            loss_runs.append((want_logits, targets))
            loss_cases.append((f"loss [config {config}, idx ({B}, {T})]", loss, want_loss))
        t.close_cases(logits_cases, atol=1e-4, twins=lambda i: _gpt_mistakes(*runs[i]))
        t.close_cases(loss_cases, atol=1e-4, twins=lambda i: _loss_mistakes(*loss_runs[i]))


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
    t.expect(abs(loss - math.log(vocab_size)) <= 0.1,
             f"the loss of a fresh GPT(vocab_size=20, ...) on random targets is {loss:.3f}, expected ln 20 = {math.log(20):.3f} ± 0.1",
             "loss at init far from ln(vocab_size): initialise every Linear and Embedding weight with normal(0, 0.02), biases with 0")


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
            if logits.shape != (2, T, vocab_size):
                last_only = T > 1 and _same(logits, _call_gpt(t, mine, idx, idx)[0][:, -1:], 1e-5)  # with targets it gives all T
                t.fail(f"logits for idx (2, {T}) have shape {tuple(logits.shape)}, expected (2, {T}, {vocab_size})",
                       "logits only for the last position: return logits for every position, (B, T, vocab_size), also without targets"
                       if last_only else None)
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
    ],
}
