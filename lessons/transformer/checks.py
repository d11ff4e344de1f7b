"""Checks for lesson 12: the learner's transformer against the reference.

Inputs are seeded and the reference's weights (shifted away from their initial values, so
that every LayerNorm and bias matters) are loaded into the learner's modules; every
comparison names the known mistake the output matches. Block and GPT are built from the
learner's own MultiHeadAttention (12.1) and FeedForward: their checks first make sure those
pass, so that a bug there is named as such and not as a puzzling mismatch here.
"""

import importlib
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from lessons.attention import checks as attention_checks
from lessons.checking import explicit_weights, first_problem, innermost_function
from lessons.transformer import reference

# ---------------------------------------------------------------------------
# Shared helpers


def _num_parameters(module):
    return sum(p.numel() for p in module.parameters())


def _dropout_rates(module):
    """The rates of the nn.Dropout layers inside `module`: {0.5} for a block built with dropout=0.5."""
    return sorted({m.p for m in module.modules() if isinstance(m, nn.Dropout)}) if isinstance(module, nn.Module) else []


def _randn(seed, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def _tokens(seed, vocab_size, *shape):
    return torch.randint(0, vocab_size, shape, generator=torch.Generator().manual_seed(seed))


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


def _learner_class(impl, name):
    """The class `name` as the learner's transformer module sees it (MultiHeadAttention: the one
    it imported from core.attention, or core.attention's own when it imported the module)."""
    found = getattr(sys.modules.get(impl.__module__), name, None)
    if found is None and name == "MultiHeadAttention":
        found = getattr(importlib.import_module("core.attention"), name, None)
    return found


# One grading job is one process: what is learnt about a class holds for all its checks.
_verdicts = {}  # (dependency name, class) -> first_problem's answer
_built = set()  # targets already built once, to tell their own stubs from their dependencies'


def _require_dependencies(t, impl, target):
    """Fail, naming the dependency, when something `target` builds on does not pass its own checks.

    A stub of `target` itself still reports "not implemented": it is built once first, and a
    NotImplementedError raised in its own code goes straight to the grader.
    """
    if impl not in _built:
        try:
            impl(16, 2) if target == "Block" else impl(20, 8, 2, 2, 16)
        except NotImplementedError as error:
            if innermost_function(error).startswith(target + "."):
                raise
        except Exception:  # noqa: BLE001 - the dependency checks below say what is wrong
            pass
        _built.add(impl)
    checks = {
        "MultiHeadAttention": attention_checks.CHECKS["MultiHeadAttention"],
        "FeedForward": CHECKS["FeedForward"],
        "Block": CHECKS["Block"],
    }
    for diagnosis, name in _dependency_mistakes(target).items():
        dependency = _learner_class(impl, name)
        key = (name, dependency)
        if key not in _verdicts:
            _verdicts[key] = first_problem(name, checks[name], dependency)
        if _verdicts[key] is not None:
            t.fail(_verdicts[key], diagnosis)


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
    return t.load_reference_weights(mine, want, _FF_LAYOUT), want


def _ff_twin(ffn, x, activation=F.gelu, activation_after=False):
    """The reference forward with one knob turned."""
    y = ffn.proj(activation(ffn.fc(x)))
    return F.gelu(y) if activation_after else y


def _ff_mistakes(ffn, x):
    return {
        "ReLU instead of GELU": _ff_twin(ffn, x, activation=F.relu),
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
]


def ff_parameters(t, FeedForward):
    """has parameters fc (d_model → d_ff) and proj (d_ff → d_model)"""
    mine, want = _ff_pair(t, FeedForward, 16, 40)
    t.expect(_num_parameters(mine) == _num_parameters(want),
             f"FeedForward(16, 40) has {_num_parameters(mine)} parameters, expected {_num_parameters(want)}")


def ff_matches_reference(t, FeedForward):
    """output matches the reference with the same weights (any leading dims)"""
    with torch.no_grad():
        for seed, (lead, d_model, d_ff) in enumerate(_FF_SHAPES):
            mine, want = _ff_pair(t, FeedForward, d_model, d_ff, seed=seed)
            x = _randn(seed, *lead, d_model)
            t.close(mine(x), want(x), what=f"output [x {tuple(x.shape)}, d_ff={d_ff}]", atol=1e-5,
                    mistakes=_ff_mistakes(want, x))


def ff_dropout_only_in_training(t, FeedForward):
    """dropout acts on the output in training and is off in eval"""
    with torch.no_grad():
        mine, want = _ff_pair(t, FeedForward, 16, 64, dropout=0.5, seed=3)
        x = _randn(3, 2, 6, 16)
        t.dropout_only_in_training(mine, lambda: mine(x), want(x), atol=1e-5,
                                   never_applied="dropout never applied: apply self.dropout to the output")


# ---------------------------------------------------------------------------
# sinusoidal_positions


def _pe_twin(T, d, *, swap=False, exponent=lambda two_i, j: two_i, start=0, halves=False, columns=None):
    """The reference's formula with one knob turned; `exponent` maps (2i, column j) to the power's numerator."""
    p = torch.arange(start, start + T, dtype=torch.float64)[:, None]  # (T, 1)
    j = torch.arange(d if columns is None else columns, dtype=torch.float64)[None, :]  # (1, d)
    two_i = j - j % 2
    if halves:  # sines of every frequency, then cosines: column j < d/2 is frequency j
        two_i = 2 * (j % (d // 2))
    angles = p / 10000 ** (exponent(two_i, j) / d)
    even = (j < d // 2) if halves else (j % 2 == 0)
    if swap:
        even = ~even
    return torch.where(even, torch.sin(angles), torch.cos(angles)).float()


def _pe_mistakes(T, d):
    twins = {
        "sin and cos swapped: sin goes in the even columns (2i), cos in the odd ones (2i+1)": _pe_twin(T, d, swap=True),
        "exponent i/d instead of 2i/d: i counts pairs, so column 2i uses 10000^(2i/d)":
            _pe_twin(T, d, exponent=lambda two_i, j: two_i / 2),
        "exponent from the column index (j/d for every column): both columns of a pair share the frequency 10000^(2i/d)":
            _pe_twin(T, d, exponent=lambda two_i, j: j),
        "integer division in the exponent: (2i // d) is 0, so every frequency is 1":
            _pe_twin(T, d, exponent=lambda two_i, j: two_i * 0),
        "positions counted from 1: row 0 is position 0": _pe_twin(T, d, start=1),
        "transposed: rows are positions, shape (T, d)": _pe_twin(T, d).T,
    }
    if d % 2 == 0:
        twins |= {
            "sines in the first half and cosines in the second: interleave them, sin in column 2i, cos in 2i+1":
                _pe_twin(T, d, halves=True),
        }
    else:
        twins |= {
            "one column too many for an odd d: drop the last cosine": _pe_twin(T, d, columns=d + 1),
            "the last column is missing for an odd d: it is a sine without a cosine partner": _pe_twin(T, d, columns=d - 1),
        }
    return twins


def pe_matches_reference(t, sinusoidal_positions):
    """matches sin/cos(p / 10000^(2i/d)) for T up to 50, d up to 32"""
    # (8, 16) first: at T = 1 or d = 2 several mistakes coincide with the reference.
    for T, d in ((8, 16), (50, 32), (3, 4), (17, 2), (1, 6)):
        t.close(sinusoidal_positions(T, d), reference.sinusoidal_positions(T, d), what=f"sinusoidal_positions({T}, {d})",
                atol=1e-5, mistakes=_pe_mistakes(T, d))


def pe_odd_d(t, sinusoidal_positions):
    """an odd d ends with a sine column"""
    for T, d in ((6, 7), (4, 3), (2, 1)):
        try:
            pe = sinusoidal_positions(T, d)
        except NotImplementedError:
            raise
        except RuntimeError as error:
            t.fail(f"sinusoidal_positions({T}, {d}) raised RuntimeError: {str(error).strip().splitlines()[0]}",
                   "fails for an odd d: there is one sine column more than cosine columns, so cos gets angles[:, :d // 2]")
        t.close(pe, reference.sinusoidal_positions(T, d), what=f"sinusoidal_positions({T}, {d})",
                atol=1e-5, mistakes=_pe_mistakes(T, d))


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
        fc = mine.state_dict().get("ffn.fc.weight") if isinstance(mine, nn.Module) else None
        t.expect(fc is None or fc.shape[0] == 4 * d_model,
                 f"Block({d_model}, {n_heads}) has a feed-forward width of {fc.shape[0] if fc is not None else '?'}, "
                 f"expected 4 * d_model = {4 * d_model}",
                 "d_ff=None should mean the usual width, d_ff = 4 * d_model")
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


def _block_twin(b, x, *, post_ln=False, residual=(True, True), ffn_first=False, ln_for_ffn=None, normalise_stream=False, causal=True):
    """The reference forward with one knob turned."""
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
    }


_BLOCK_SHAPES = [  # (B, T, d_model, n_heads, d_ff)
    (2, 5, 16, 2, None),
    (1, 7, 32, 4, 48),
    (3, 4, 24, 1, None),
]


def block_parameters(t, Block):
    """has ln1, attn, ln2 and ffn with d_ff = 4·d_model by default, as many parameters as the reference"""
    for d_ff in (None, 40):
        mine, want = _block_pair(t, Block, 16, 2, d_ff=d_ff)
        t.expect(_num_parameters(mine) == _num_parameters(want),
                 f"Block(16, 2, d_ff={d_ff}) has {_num_parameters(mine)} parameters, expected {_num_parameters(want)}")


def block_matches_reference(t, Block):
    """output matches the reference with the same weights"""
    with torch.no_grad():
        for seed, (B, T, d_model, n_heads, d_ff) in enumerate(_BLOCK_SHAPES):
            mine, want = _block_pair(t, Block, d_model, n_heads, d_ff=d_ff, seed=seed)
            x = _randn(seed, B, T, d_model)
            t.close(mine(x), want(x), what=f"output [B={B}, T={T}, d_model={d_model}, n_heads={n_heads}, d_ff={d_ff}]",
                   atol=1e-5, mistakes=lambda: _block_mistakes(want, x))


def block_is_causal(t, Block):
    """is causal: changing future tokens leaves earlier outputs unchanged"""
    with torch.no_grad():
        mine, _ = _block_pair(t, Block, 16, 2, seed=7)
        x = _randn(7, 2, 8, 16)
        changed = x.clone()
        changed[:, 5:] = _randn(8, 2, 3, 16)
        t.causal(mine, x, changed, 5, atol=1e-5,
                 diagnosis="attention in the block is not causal: build MultiHeadAttention(..., causal=True)")


def block_dropout_only_in_training(t, Block):
    """passes dropout to attention and feed-forward; off in eval, on in training"""
    with torch.no_grad():
        mine, want = _block_pair(t, Block, 16, 2, dropout=0.5, seed=9)
        rates = [_dropout_rates(getattr(mine, part, None)) for part in ("attn", "ffn")]
        t.expect(all(0.5 in r for r in rates), f"Block(16, 2, dropout=0.5) has dropout rates {rates[0]} in attn and {rates[1]} in ffn",
                 "dropout not passed on: Block(..., dropout) hands it to MultiHeadAttention and FeedForward")
        x = _randn(9, 2, 6, 16)
        t.dropout_only_in_training(mine, lambda: mine(x), want(x), atol=1e-5)


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
    t.expect(isinstance(mine, nn.Module), "GPT should subclass nn.Module")
    t.expect("lm_head.bias" not in mine.state_dict(), "lm_head has a bias",
             "the LM head has a bias: nn.Linear(d_model, vocab_size, bias=False), so that it can share tok_emb's matrix")
    return t.load_reference_weights(mine, want, _GPT_LAYOUT), want


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


def _gpt_mistakes(m, idx):
    return {
        "positions not added: x = tok_emb(idx) + pos_emb(torch.arange(T))": _gpt_twin(m, idx, positions=False),
        "final LayerNorm missing: logits = lm_head(ln_f(x))": _gpt_twin(m, idx, final_ln=False),
        "token embeddings multiplied by √d_model (the original Transformer does it; this GPT does not)":
            _gpt_twin(m, idx, scale_embeddings=True),
        "blocks not chained: each block must take the previous block's output, x = block(x)": _gpt_twin(m, idx, chain=False),
        "logits only for the last position: return logits for every position, (B, T, vocab_size), also without targets":
            _gpt_twin(m, idx)[:, -1:],
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


def _call_gpt(t, model, idx, targets=None):
    result = model(idx, targets) if targets is not None else model(idx)
    t.expect(isinstance(result, tuple) and len(result) == 2,
             f"forward should return a tuple (logits, loss), got {type(result).__name__}",
             "forward returns only the logits, not (logits, loss)" if isinstance(result, torch.Tensor) else None)
    return result


def gpt_parameters(t, GPT):
    """has tok_emb, pos_emb, blocks, ln_f and lm_head with the reference's shapes"""
    for config, _ in _GPT_CONFIGS:
        mine, _ = _gpt_pair(t, GPT, config)
        n_layer = config[2]
        blocks = getattr(mine, "blocks", None)
        t.expect(isinstance(blocks, nn.ModuleList) and len(blocks) == n_layer,
                 f"self.blocks should be an nn.ModuleList of {n_layer} Blocks, got {type(blocks).__name__}")


def gpt_ties_weights(t, GPT):
    """the LM head is tied to the token embedding: one Parameter, a step on one moves the other"""
    config, (B, T) = _GPT_CONFIGS[0]
    mine, _ = _gpt_pair(t, GPT, config)
    head, embedding = mine.lm_head.weight, mine.tok_emb.weight
    if head is not embedding:
        t.expect(head.data_ptr() != embedding.data_ptr(),
                 "lm_head.weight and tok_emb.weight share storage but are two Parameters",
                 "tied through .data: assign the Parameter itself, self.lm_head.weight = self.tok_emb.weight")
        t.fail("lm_head.weight and tok_emb.weight are separate tensors",
               "LM head not tied to the token embedding: self.lm_head.weight = self.tok_emb.weight")
    mine.train()
    _, loss = _call_gpt(t, mine, _tokens(1, config[0], B, T), _tokens(2, config[0], B, T))
    t.tensor(loss, "loss").backward()
    before = embedding.detach().clone()
    with torch.no_grad():
        for p in mine.parameters():
            if p.grad is not None:
                p -= 0.1 * p.grad
    t.expect(not torch.equal(mine.tok_emb.weight, before), "a gradient step left tok_emb.weight unchanged")
    t.expect(torch.equal(mine.lm_head.weight, mine.tok_emb.weight),
             "after a gradient step lm_head.weight and tok_emb.weight differ",
             "LM head not tied to the token embedding: self.lm_head.weight = self.tok_emb.weight")


def gpt_matches_reference(t, GPT):
    """logits and loss match the reference with the same weights; loss is None without targets"""
    with torch.no_grad():
        for seed, (config, (B, T)) in enumerate(_GPT_CONFIGS):
            mine, want = _gpt_pair(t, GPT, config, seed=seed)
            vocab_size = config[0]
            idx, targets = _tokens(seed, vocab_size, B, T), _tokens(seed + 100, vocab_size, B, T)
            logits, loss = _call_gpt(t, mine, idx)
            t.expect(loss is None, f"without targets the loss should be None, got {type(loss).__name__}")
            t.close(logits, want(idx)[0], what=f"logits [config {config}, idx ({B}, {T})]", atol=1e-4,
                   mistakes=lambda: _gpt_mistakes(want, idx))
            want_logits, want_loss = want(idx, targets)
            logits, loss = _call_gpt(t, mine, idx, targets)
            t.close(logits, want_logits, what="logits with targets", atol=1e-4, mistakes=lambda: _gpt_mistakes(want, idx))
            t.close(loss, want_loss, what=f"loss [config {config}]", atol=1e-4,
                   mistakes=lambda: _loss_mistakes(want_logits, targets))


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


def gpt_num_params(t, GPT):
    """num_params() equals the reference's, the tied matrix counted once"""
    for config, _ in _GPT_CONFIGS:
        mine, want = _gpt_pair(t, GPT, config)
        vocab_size, d_model = config[0], config[4]
        count, expected = mine.num_params(), want.num_params()
        if count == expected + vocab_size * d_model:
            t.expect(mine.lm_head.weight is not mine.tok_emb.weight,
                     f"num_params() is {count}, expected {expected}: {vocab_size}·{d_model} too many",
                     "tied matrix counted twice: sum over self.parameters(), which yields a shared Parameter once")
            t.fail(f"num_params() is {count}, expected {expected}: the untied LM head adds {vocab_size}·{d_model}",
                   "LM head not tied to the token embedding: self.lm_head.weight = self.tok_emb.weight")
        t.expect(count == expected, f"num_params() of GPT{config} is {count}, expected {expected}")


def gpt_dropout_only_in_training(t, GPT):
    """passes dropout to the blocks; off in eval, on in training"""
    config, (B, T) = _GPT_CONFIGS[0]
    with torch.no_grad():
        mine, want = _gpt_pair(t, GPT, config, dropout=0.5, seed=6)
        rates = [_dropout_rates(block) for block in mine.blocks]
        t.expect(all(0.5 in r for r in rates), f"GPT(..., dropout=0.5) has blocks with dropout rates {rates}",
                 "dropout not passed on to the blocks: Block(d_model, n_head, dropout=dropout)")
        idx = _tokens(6, config[0], B, T)
        t.dropout_only_in_training(mine, lambda: _call_gpt(t, mine, idx)[0], want(idx)[0], what="logits", atol=1e-4)


def gpt_block_size(t, GPT):
    """takes any T up to block_size; a longer sequence raises an error that says so"""
    _require_dependencies(t, GPT, "GPT")
    vocab_size, block_size = 20, 8
    torch.manual_seed(0)
    mine = GPT(vocab_size, block_size, 1, 2, 16)
    mine.eval()
    with torch.no_grad():
        for T in (1, block_size):
            logits = t.tensor(_call_gpt(t, mine, _tokens(T, vocab_size, 2, T))[0], "logits")
            t.expect(logits.shape == (2, T, vocab_size), f"logits for idx (2, {T}) have shape {tuple(logits.shape)}, "
                     f"expected (2, {T}, {vocab_size})")
        too_long = _tokens(9, vocab_size, 2, block_size + 1)
        try:
            mine(too_long)
        except NotImplementedError:
            raise
        except Exception as error:  # noqa: BLE001 - any exception will do, if it says why
            message = str(error)
            t.expect("block" in message.lower() or str(block_size) in message,
                     f"idx of length {block_size + 1} with block_size {block_size} raised {type(error).__name__}"
                     f"{': ' + message if message else ''}, which does not say the sequence is too long",
                     "no clear error when T > block_size: check it first, raise ValueError(f\"... longer than block_size ...\")")
        else:
            t.fail(f"idx of length {block_size + 1} with block_size {block_size} raised no error")


CHECKS = {
    "FeedForward": [ff_parameters, ff_matches_reference, ff_dropout_only_in_training],
    "sinusoidal_positions": [pe_matches_reference, pe_odd_d],
    "Block": [block_dependencies, block_parameters, block_matches_reference, block_is_causal, block_dropout_only_in_training],
    "GPT": [
        gpt_dependencies,
        gpt_parameters,
        gpt_ties_weights,
        gpt_matches_reference,
        gpt_is_causal,
        gpt_loss_at_init,
        gpt_num_params,
        gpt_dropout_only_in_training,
        gpt_block_size,
    ],
}
