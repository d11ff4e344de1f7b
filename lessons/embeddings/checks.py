"""Checks for lesson 12.25: the learner's embeddings code against the reference.

Inputs are seeded and small. A known mistake is named only when its twin (the reference
with that one mistake) gives what the learner's code gives on every case of a check, and
each check holds cases on which the twins part ways (a repeated id, one token, a window
wider than the sequence; rows of very different lengths; B = 1 and k = 1; columns with
different means); otherwise the failure says which input differs, and where.
Lists of (index, cosine) pairs are compared as (k, 2) tensors; PCA axes are compared with
each axis's sign matched to the reference's, since either sign is right.
"""

from collections import Counter

import torch
import torch.nn.functional as F

from lessons.checking import CheckFailed, remote_facts
from lessons.embeddings import reference


# ---------------------------------------------------------------------------
# skipgram_pairs


def _pairs_twin(ids, window, *, distances=None, one_side=False, wrap=False, drop_equal_ids=False):
    """The reference with one knob turned; `distances` replaces 1..window."""
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in distances if distances is not None else range(1, window + 1):
        if wrap:
            left, right = ids, ids.roll(-distance)
        elif distance >= len(ids):
            continue
        else:
            left, right = ids[: len(ids) - distance], ids[distance:]
        pairs.append(torch.stack([left, right], dim=1))
        if not one_side and distance != 0:
            pairs.append(torch.stack([right, left], dim=1))
    pairs = torch.cat(pairs)
    return pairs[pairs[:, 0] != pairs[:, 1]] if drop_equal_ids else pairs


def _sorted_pairs(pairs: torch.Tensor) -> torch.Tensor:
    """The rows in one canonical order, so that any order of the same pairs compares equal."""
    if pairs.dim() != 2 or pairs.size(1) != 2 or not len(pairs):
        return pairs
    pairs = pairs.long()
    key = pairs[:, 0] * (int(pairs.max()) + 1) + pairs[:, 1]
    return pairs[key.argsort(stable=True)]


def _pairs_mistakes(ids, window):
    twins = {
        "includes (w, w) pairs at distance 0: a token is never its own context":
            _pairs_twin(ids, window, distances=range(0, window + 1)),
        "window off by one: distances run from 1 to window inclusive (range(1, window + 1))":
            _pairs_twin(ids, window, distances=range(1, window)),
        "window off by one: pairs at distance window + 1 are included": _pairs_twin(ids, window, distances=range(1, window + 2)),
        "only contexts to the right: each center also predicts the words to its left":
            _pairs_twin(ids, window, one_side=True),
        "pairs wrap around the ends of the sequence (torch.roll): the first token has no left context":
            _pairs_twin(ids, window, wrap=True),
        "pairs of equal ids dropped: only distance 0 is left out, two equal tokens side by side are a pair":
            _pairs_twin(ids, window, drop_equal_ids=True),
    }
    return {name: _sorted_pairs(twin) for name, twin in twins.items()} | {
        "shape (2, N) instead of (N, 2): stack center and context with dim=1": reference.skipgram_pairs(ids, window).T,
    }


def _pairs_cases():
    g = torch.Generator().manual_seed(0)
    return [
        ("20 random ids, window=3", torch.randint(0, 50, (20,), generator=g), 3),
        ("ids=[5, 7, 9], window=1, the docstring's example", torch.tensor([5, 7, 9]), 1),
        ("ids=[4, 1, 8, 8, 3, 0, 2] as a list (8 next to 8), window=2", [4, 1, 8, 8, 3, 0, 2], 2),
        ("ids=[2, 6, 4], window=5 (wider than the sequence)", torch.tensor([2, 6, 4]), 5),
        ("ids=[3] (one token), window=2", torch.tensor([3]), 2),
        ("no ids, window=1", torch.empty(0, dtype=torch.long), 1),
    ]


def _pairs_difference(got: torch.Tensor, expected: torch.Tensor) -> str:
    """"missing (5, 9), (9, 5); extra (5, 5)": the pairs one side holds more often than the other."""
    have, want = Counter(map(tuple, got.tolist())), Counter(map(tuple, expected.tolist()))
    parts = []
    for label, pairs in (("missing", want - have), ("extra", have - want)):
        listed = [f"({center}, {context})" for center, context in sorted(pairs.elements())]
        if listed:
            more = f" and {len(listed) - 4} more" if len(listed) > 4 else ""
            parts.append(f"{label} {', '.join(listed[:4])}{more}")
    return "; ".join(parts)


def pairs_match_reference(t, skipgram_pairs):
    """every (center, context) pair within the window, both sides, no (w, w) pairs, in any order"""
    cases = []
    for description, ids, window in _pairs_cases():
        expected = reference.skipgram_pairs(ids, window)
        got = t.tensor(skipgram_pairs(ids, window), f"skipgram_pairs [{description}]")
        t.expect(not got.dtype.is_floating_point, f"pairs have dtype {got.dtype} [{description}]",
                 "pairs built as floats: ids are indices, keep dtype=torch.long")
        t.expect(got.dtype == torch.long, f"pairs have dtype {got.dtype} [{description}]: the docstring promises a LongTensor (torch.long)")
        cases.append((f"pairs [{description}]", _sorted_pairs(got), _sorted_pairs(expected)))
    try:
        t.close_cases(cases, atol=0, twins=lambda i: _pairs_mistakes(*_pairs_cases()[i][1:]))
    except CheckFailed as failure:
        what, got, expected = next(case for case in cases if not (case[1].shape == case[2].shape and torch.equal(case[1], case[2])))
        if got.dim() != 2 or got.size(1) != 2:
            raise
        t.fail(f"{what}: {len(got)} pairs, expected {len(expected)}; {_pairs_difference(got, expected)}", failure.diagnosis)


def pairs_vectorised(t, skipgram_pairs):
    """builds the pairs with whole-tensor operations (the work does not grow with len(ids))"""
    short, long = torch.arange(40) % 7, torch.arange(400) % 7
    calls = [t.count_torch_calls(lambda ids=ids: skipgram_pairs(ids, 2)) for ids in (short, long)]
    t.expect(calls[1] <= calls[0], f"{calls[0]} torch calls for 40 ids but {calls[1]} for 400 ids",
             "a Python loop over positions: for each distance d, line up ids[:-d] with ids[d:] instead")


# ---------------------------------------------------------------------------
# SkipGram

_LAYOUT = "self.center_emb and self.context_emb, each nn.Embedding(vocab_size, dim)"


def _skipgram_pair(t, SkipGram, vocab_size=11, dim=4, seed=0, tables=None):
    """The learner's model and the reference's, both holding the same weights: `tables` (E, W),
    else random ones (not the zero initialisation of W, so that every score differs)."""
    torch.manual_seed(seed)
    want = reference.SkipGram(vocab_size, dim)
    with torch.no_grad():
        if tables is None:
            want.center_emb.weight.normal_(0.0, 0.7)
            want.context_emb.weight.normal_(0.0, 0.7)
        else:
            want.center_emb.weight.copy_(tables[0])
            want.context_emb.weight.copy_(tables[1])
    mine = SkipGram(vocab_size, dim)
    return t.load_reference_weights(mine, want, _LAYOUT), want


def _batch(vocab_size=11, B=6, k=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.randint(vocab_size, (B,), generator=g), torch.randint(vocab_size, (B,), generator=g),
            torch.randint(vocab_size, (B, k), generator=g))


SUMMED = "loss summed over the batch instead of averaged: take .mean()"
SIGN_FLIPPED = "sign flipped: minimise the negative log-likelihood, −log p, not log p"
CENTER_TABLE_FOR_CONTEXTS = "context words scored with the center table E: score them with self.context_emb (W)"
OUTSIDE_AUTOGRAD = "computed outside autograd (.detach(), .data, .item() or numpy)"


def _full_softmax_mistakes(model, center, context):
    E, W = model.center_emb.weight, model.context_emb.weight
    logits = E[center] @ W.T  # (B, V)
    log_p = logits.log_softmax(-1).gather(1, context[:, None]).squeeze(1)
    return {
        CENTER_TABLE_FOR_CONTEXTS: F.cross_entropy(E[center] @ E.T, context),
        "softmax over the batch (dim=0) instead of over the vocabulary (dim=-1)":
            -logits.log_softmax(0).gather(1, context[:, None]).mean(),
        SUMMED: -log_p.sum(),
        SIGN_FLIPPED: log_p.mean(),
        "probability without its log: the loss is −log p(o | c), not −p(o | c)": -log_p.exp().mean(),
        "center and context swapped: the center word's vector E[center] scores the context word":
            F.cross_entropy(E[context] @ W.T, center),
    }


def _negative_sampling_twin(model, center, context, negatives, *, negative_sign=-1.0, use_negatives=True,
                            reduce_negatives="sum", log_on_negatives=True, reduce_batch="mean", sign=1.0,
                            context_table=None, negatives_table=None, negatives_of_every_row=False):
    """The reference loss with one knob turned."""
    E = model.center_emb.weight
    W = model.context_emb.weight if context_table is None else context_table
    N = W if negatives_table is None else negatives_table
    c = E[center]
    positive = (c * W[context]).sum(-1)  # (B,)
    if negatives_of_every_row:
        negative = c @ N[negatives].transpose(1, 2)  # (B, dim) @ (B, dim, k) broadcasts to (B, B, k)
    else:
        negative = (N[negatives] @ c.unsqueeze(-1)).squeeze(-1)  # (B, k)
    per_negative = F.logsigmoid(negative_sign * negative) if log_on_negatives else torch.sigmoid(negative_sign * negative)
    negative_term = getattr(per_negative, reduce_negatives)(-1) if use_negatives else 0.0
    return -sign * getattr(F.logsigmoid(positive) + negative_term, reduce_batch)()


def _negative_sampling_mistakes(model, center, context, negatives):
    def twin(**knob):
        return _negative_sampling_twin(model, center, context, negatives, **knob)

    return {
        "negatives scored with σ(+s) instead of σ(−s): they are pulled towards the center word, not pushed away":
            twin(negative_sign=1.0),
        "negatives left out: the loss needs − Σ_n log σ(−E[c]·W[n]) as well": twin(use_negatives=False),
        "negatives averaged instead of summed over the k samples": twin(reduce_negatives="mean"),
        "log missing on the negatives' term: − Σ_n log σ(−s_n), not − Σ_n σ(−s_n)": twin(log_on_negatives=False),
        SUMMED: twin(reduce_batch="sum"),
        SIGN_FLIPPED: twin(sign=-1.0),
        CENTER_TABLE_FOR_CONTEXTS: twin(context_table=model.center_emb.weight),
        "negatives looked up in the center table E: like the true context, they are rows of self.context_emb (W)":
            twin(negatives_table=model.center_emb.weight),
        "every center scored against every row's negatives (c @ W[n].transpose(1, 2) broadcasts to (B, B, k)): "
        "row i's negatives go with row i's center, (W[n] @ c.unsqueeze(-1)).squeeze(-1)": twin(negatives_of_every_row=True),
    }


def skipgram_parameters(t, SkipGram):
    """has two tables, center_emb and context_emb, each nn.Embedding(vocab_size, dim)"""
    mine, _ = _skipgram_pair(t, SkipGram)
    for name in ("center_emb", "context_emb"):
        table = getattr(mine, name)
        t.expect(t.is_instance(table, "torch.nn.modules.sparse.Embedding"),
                 f"self.{name} is a {t.type_name(table)}, expected nn.Embedding(vocab_size, dim)")


def skipgram_initialisation(t, SkipGram):
    """starts as Word2Vec does: E uniform in ±0.5/dim, W all zeros"""
    for vocab_size, dim in ((200, 8), (300, 3)):
        torch.manual_seed(0)
        model = SkipGram(vocab_size, dim)
        E, W = model.center_emb.weight.detach(), model.context_emb.weight.detach()
        made = f"SkipGram({vocab_size}, {dim})"
        t.expect(bool((W == 0).all()), f"{made}: context_emb starts with values up to {float(W.abs().max()):.3g}, expected zeros",
                 "context table W not initialised to zeros")
        bound = 0.5 / dim
        low, high = float(E.min()), float(E.max())
        t.expect(max(-low, high) <= bound * (1 + 1e-6),
                 f"{made}: center_emb starts with values up to {max(-low, high):.3g}, expected at most 0.5/dim = {bound:.3g}",
                 "center table E not initialised uniform in ±0.5/dim (nn.init.uniform_)")
        # Uniform in ±bound: over hundreds of values it reaches near both ends, and half lie within ±bound/2.
        inner = float((E.abs() <= bound / 2).double().mean())
        t.expect(low < -0.9 * bound and high > 0.9 * bound and 0.4 < inner < 0.6,
                 f"{made}: center_emb starts between {low:.3g} and {high:.3g} with {inner:.0%} of its values within "
                 f"±{bound / 2:.3g}; uniform in ±0.5/dim = ±{bound:.3g} comes close to both ends and puts half within ±{bound / 2:.3g}",
                 "center table E not initialised uniform in ±0.5/dim (nn.init.uniform_)")


def skipgram_embeddings(t, SkipGram):
    """embeddings is a property returning the center table E (V, dim) itself, not a copy"""
    mine, want = _skipgram_pair(t, SkipGram)
    embeddings = mine.embeddings
    t.expect(not t.is_instance(embeddings, "builtins.method"),
             "model.embeddings is a bound method, not a tensor: the docstring asks for a property",
             "embeddings is a method: put @property above it")
    t.close(embeddings, want.center_emb.weight, what="model.embeddings", atol=0,
            mistakes={"embeddings returns the context table W: the vectors kept are the center table E": want.context_emb.weight})
    facts, weight = remote_facts(embeddings), remote_facts(mine.center_emb.weight)
    t.expect(facts["parameter"] and facts["storage"] == weight["storage"],
             "model.embeddings holds the values of center_emb.weight but is another tensor: the docstring asks for the weight itself",
             "embeddings returns a copy of E (.clone(), .detach() or .data): return self.center_emb.weight itself")


def full_softmax_matches_reference(t, SkipGram):
    """full_softmax_loss matches the reference: mean over the batch of −log softmax(E[c]·Wᵀ)[o]"""
    cases, inputs = [], []
    with torch.no_grad():
        for vocab_size, dim, B in ((11, 4, 6), (30, 8, 9)):
            mine, want = _skipgram_pair(t, SkipGram, vocab_size, dim, seed=vocab_size)
            center, context, _ = _batch(vocab_size, B, seed=vocab_size)
            cases.append((f"full_softmax_loss [V={vocab_size}, dim={dim}, B={B}]", mine.full_softmax_loss(center, context),
                          want.full_softmax_loss(center, context)))
            inputs.append((want, center, context))
        t.close_cases(cases, atol=1e-5, twins=lambda i: _full_softmax_mistakes(*inputs[i]))


# The docstring's example: E[c] = [1, 0], W[o] = [2, 0], W[n] = [-1, 0]; the other rows only tell twins apart.
_EXAMPLE_TABLES = (torch.tensor([[1.0, 0.0], [0.5, -1.0], [0.3, 2.0]]), torch.tensor([[0.2, 0.4], [2.0, 0.0], [-1.0, 0.0]]))


def negative_sampling_matches_reference(t, SkipGram):
    """negative_sampling_loss matches the reference: −log σ(E[c]·W[o]) − Σ_n log σ(−E[c]·W[n]), averaged"""
    cases, inputs = [], []
    with torch.no_grad():
        for vocab_size, dim, B, k in ((11, 4, 6, 3), (30, 8, 9, 5)):
            mine, want = _skipgram_pair(t, SkipGram, vocab_size, dim, seed=vocab_size)
            inputs.append((mine, want, f"V={vocab_size}, dim={dim}, B={B}, k={k}", _batch(vocab_size, B, k, seed=vocab_size)))
        mine, want = _skipgram_pair(t, SkipGram, 3, 2, tables=_EXAMPLE_TABLES)
        inputs.append((mine, want, "the docstring's example, loss 0.440", (torch.tensor([0]), torch.tensor([1]), torch.tensor([[2]]))))
        for mine, want, description, batch in inputs:
            cases.append((f"negative_sampling_loss [{description}]", mine.negative_sampling_loss(*batch),
                          want.negative_sampling_loss(*batch)))
        t.close_cases(cases, atol=1e-5, twins=lambda i: _negative_sampling_mistakes(inputs[i][1], *inputs[i][3]))


def negative_sampling_is_stable(t, SkipGram):
    """negative_sampling_loss stays finite when scores are large (±200)"""
    tables = (torch.tensor([[10.0, 0.0], [0.0, 1.0], [0.0, 1.0]]), torch.tensor([[0.0, 0.0], [-20.0, 0.0], [20.0, 0.0]]))
    mine, want = _skipgram_pair(t, SkipGram, 3, 2, tables=tables)
    center, context, negatives = torch.tensor([0]), torch.tensor([1]), torch.tensor([[2]])  # scores −200, +200
    with torch.no_grad():
        got = t.tensor(mine.negative_sampling_loss(center, context, negatives), "negative_sampling_loss")
        t.expect(bool(torch.isfinite(got).all()), f"negative_sampling_loss is {float(got)} for scores of −200 and +200",
                 "log(torch.sigmoid(x)) is log(0) = −inf for large scores: use F.logsigmoid")
        t.close(got, want.negative_sampling_loss(center, context, negatives), what="negative_sampling_loss at ±200", atol=1e-3)


def skipgram_gradients_flow(t, SkipGram):
    """both losses send gradients to both tables"""
    center, context, negatives = _batch()
    for name, batch in (("full_softmax_loss", (center, context)), ("negative_sampling_loss", (center, context, negatives))):
        mine, want = _skipgram_pair(t, SkipGram)
        loss, problem = t.grad_call(getattr(mine, name), *batch)
        t.expect(problem is None, f"no backward pass from {name}: {problem}", OUTSIDE_AUTOGRAD)
        # A loss with the reference's value depends on both tables: a table it sends no gradient is then detached.
        expected = getattr(want, name)(*batch).detach()
        right_value = loss.shape == expected.shape and torch.allclose(loss.detach(), expected, atol=1e-5)
        for table in ("center_emb", "context_emb"):
            grad = getattr(mine, table).weight.grad
            t.expect(grad is not None and bool(grad.abs().sum() > 0),
                     f"{name}: no gradient reaches {table}"
                     + ("" if right_value else f"; the loss differs from the reference too, so {table} may not be used at all"),
                     OUTSIDE_AUTOGRAD if right_value else None)


# ---------------------------------------------------------------------------
# most_similar and analogy


def _rows(t, result, what) -> torch.Tensor:
    """A list of (index, cosine) pairs as a (k, 2) float64 tensor, whatever number types it holds."""
    try:
        rows = [(int(index), float(cosine)) for index, cosine in result]
    except (TypeError, ValueError):
        t.fail(f"{what} should be a list of (index, cosine) pairs, got {t.type_name(result)}")
    return torch.tensor(rows, dtype=torch.float64).reshape(len(rows), 2)


def _expect_int_float_pairs(t, result, what, k):
    """The docstring's return type: a list of k tuples (int, float)."""
    t.expect(t.is_instance(result, "builtins.list"), f"{what} returned a {t.type_name(result)}: it should return a list of (int, float) tuples")
    t.expect(len(result) == k, f"{what} returned {len(result)} pairs, expected k = {k}")
    for position, pair in enumerate(result):
        t.expect(isinstance(pair, tuple) and len(pair) == 2,
                 f"{what}[{position}] is a {t.type_name(pair)}: each entry should be a tuple (index, cosine)")
        index, cosine = pair
        kinds = f"({t.type_name(index)}, {t.type_name(cosine)})"
        t.expect(not isinstance(index, torch.Tensor) and not isinstance(cosine, torch.Tensor),
                 f"{what}[{position}] is {kinds}, expected (int, float)",
                 "pairs hold tensors, not Python numbers: return (int(i), float(v)) for each")
        t.expect(isinstance(index, int) and not isinstance(index, bool) and isinstance(cosine, float),
                 f"{what}[{position}] is {kinds}, expected (int, float)")


def _nearest(scores, exclude, k, *, largest=True):
    """(k, 2) [index, score] of the k highest (or lowest) scores, `exclude` left out."""
    scores = scores.clone().double()
    scores[list(exclude)] = float("-inf") if largest else float("inf")
    values, indices = scores.topk(k, largest=largest)
    return torch.stack([indices.double(), values], dim=1)


def _unit(E):
    return E / E.norm(dim=1, keepdim=True).clamp_min(1e-12)


def _spread_rows(V, dim, seed):
    """Random rows of very different lengths: a dot product and a cosine rank them differently."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(V, dim, generator=g) * torch.empty(V, 1).uniform_(0.1, 5.0, generator=g)


RANKED_BY_DOT = "ranked by dot product: divide every row by its norm first (cosine, not a·b)"
LEAST_SIMILAR_FIRST = "least similar first: take the k largest cosines (topk), most similar first"


def _most_similar_mistakes(E, idx, k):
    unit = _unit(E)
    cosines = unit @ unit[idx]
    return {
        RANKED_BY_DOT: _nearest(E @ E[idx], [idx], k),
        "row idx itself is in the results (cosine 1 with itself): leave it out": _nearest(cosines, [], k),
        LEAST_SIMILAR_FIRST: _nearest(cosines, [idx], k, largest=False),
        "only the query row normalised: divide every row of E by its norm, not just E[idx]": _nearest(E @ unit[idx], [idx], k),
    }


def _most_similar_cases():
    return [
        ("the docstring's example E 4×2", torch.tensor([[1.0, 0.0], [2.0, 0.1], [0.0, 1.0], [-1.0, 0.0]]), 0, 2),
        ("E 12×5", _spread_rows(12, 5, 0), 3, 4),
        ("E 30×8, k = V - 1", _spread_rows(30, 8, 1), 0, 29),
        ("E 9×3", _spread_rows(9, 3, 2), 8, 1),
    ]


def most_similar_matches_reference(t, most_similar):
    """returns the k nearest rows by cosine as (index, cosine), most similar first, without idx"""
    cases = _most_similar_cases()
    compared = []
    for description, E, idx, k in cases:
        what = f"most_similar({description}, idx={idx}, k={k}) as (index, cosine) rows"
        compared.append((what, _rows(t, most_similar(E.clone(), idx, k), what), _rows(t, reference.most_similar(E, idx, k), what)))
    t.close_cases(compared, atol=1e-5, twins=lambda i: _most_similar_mistakes(*cases[i][1:]))


def most_similar_returns_pairs(t, most_similar):
    """returns a list of k (int, float) tuples"""
    _expect_int_float_pairs(t, most_similar(_spread_rows(12, 5, 0), 3, 4), "most_similar(E 12×5, idx=3, k=4)", 4)


def most_similar_zero_row(t, most_similar):
    """a row of zeros gets cosine 0, not nan, and E is left unchanged"""
    E = _spread_rows(6, 4, 3)
    E[2] = 0.0
    before = E.clone()
    what = "most_similar(E 6×4 whose row 2 is all zeros, idx=0, k=5)"
    got = _rows(t, most_similar(E, 0, 5), what)
    if bool(torch.isnan(got).any()):
        # Named only if the zero row is the cause: the same call without it gives no nan.
        without = _rows(t, most_similar(_spread_rows(6, 4, 3), 0, 5), "most_similar(E 6×4, idx=0, k=5)")
        t.fail(f"{what} gives nan: a row of zeros has no direction and should score 0",
               None if bool(torch.isnan(without).any()) else "a zero row divides by zero: clamp the norms (.clamp_min(1e-12)) before dividing")
    t.expect(torch.equal(E, before), f"{what} changed E", "E changed in place: normalise into a new tensor, not E /= ...")
    t.close(got, _rows(t, reference.most_similar(E, 0, 5), "reference"), what=f"{what} as (index, cosine) rows", atol=1e-5)


def _analogy_twin(E, a, b, c, k, *, normalise_rows=True, target_sign=1.0, exclude=True, dot=False, unit_target=True):
    """The reference with one knob turned."""
    rows = _unit(E) if normalise_rows else E
    target = target_sign * (rows[b] - rows[a]) + rows[c]
    if unit_target:
        target = target / target.norm().clamp_min(1e-12)
    scores = (E if dot else _unit(E)) @ target
    return _nearest(scores, [a, b, c] if exclude else [], k)


def _analogy_mistakes(E, a, b, c, k):
    return {
        "a query word returned: leave a, b and c out of the results": _analogy_twin(E, a, b, c, k, exclude=False),
        "target is a − b + c: it should be b − a + c (king − man + woman)": _analogy_twin(E, a, b, c, k, target_sign=-1.0),
        RANKED_BY_DOT: _analogy_twin(E, a, b, c, k, dot=True),
        "target built from raw rows: normalise the rows before b − a + c, so no long vector dominates":
            _analogy_twin(E, a, b, c, k, normalise_rows=False),
        "scores are not cosines: divide by the target's norm too": _analogy_twin(E, a, b, c, k, unit_target=False),
    }


def _analogy_cases():
    return [
        ("E 12×5", _spread_rows(12, 5, 4), (0, 1, 2), 4),
        ("E 25×6, k = V - 3", _spread_rows(25, 6, 5), (7, 3, 11), 22),
        ("E 8×3", _spread_rows(8, 3, 6), (5, 2, 6), 1),
    ]


def analogy_matches_reference(t, analogy):
    """ranks rows by cosine to b − a + c of the unit rows, leaving a, b and c out"""
    cases = _analogy_cases()
    compared = []
    for description, E, (a, b, c), k in cases:
        what = f"analogy({description}, a={a}, b={b}, c={c}, k={k}) as (index, cosine) rows"
        compared.append((what, _rows(t, analogy(E.clone(), a, b, c, k), what), _rows(t, reference.analogy(E, a, b, c, k), what)))
    t.close_cases(compared, atol=1e-5, twins=lambda i: _analogy_mistakes(cases[i][1], *cases[i][2], cases[i][3]))


def analogy_returns_pairs(t, analogy):
    """returns a list of k (int, float) tuples"""
    _expect_int_float_pairs(t, analogy(_spread_rows(12, 5, 4), 0, 1, 2, 4), "analogy(E 12×5, a=0, b=1, c=2, k=4)", 4)


def analogy_planted(t, analogy):
    """finds queen for man : king :: woman : ? (the docstring's example)"""
    E = torch.tensor([[1.0, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1], [0, 1, 0]])  # man, king, woman, queen, crown
    what = "analogy(E, 0, 1, 2, 1) for man : king :: woman : ? in the docstring's planted space"
    got = _rows(t, analogy(E.clone(), 0, 1, 2, 1), what)
    t.expect(got[:, 0].tolist() == [3.0], f"{what} gave rows {got[:, 0].int().tolist()}, expected [3] (queen)")
    t.close(got, _rows(t, reference.analogy(E, 0, 1, 2, 1), "reference"), what=f"{what} as (index, cosine) rows", atol=1e-5)


# ---------------------------------------------------------------------------
# pca_2d


def _signs_matched(coords: torch.Tensor, to: torch.Tensor) -> torch.Tensor:
    """Each column of `coords` flipped where it points away from the same column of `to`:
    either sign of an axis is a right answer (a rule such as "largest entry positive" breaks
    on symmetric columns like the docstring's example)."""
    if coords.shape != to.shape or coords.dim() != 2:
        return coords
    return coords * torch.where((coords * to).sum(0) < 0, -1.0, 1.0).to(coords.dtype)


def _pca_twin(E, *, centre="columns", components=slice(0, 2), from_columns=False, scale=True, standardise=False):
    means = {"columns": E.mean(dim=0), "rows": E.mean(dim=1, keepdim=True), "all": E.mean(), None: 0.0}
    X = E - means[centre]
    if standardise:
        X = X / X.std(dim=0)
    U, S, Vh = torch.linalg.svd(X, full_matrices=False)
    if not scale:
        return U[:, components]
    return X @ (Vh[:, components] if from_columns else Vh[components].T)


def _pca_mistakes(E):
    twins = {
        "rows not centred: subtract the mean row E.mean(dim=0) before the SVD": _pca_twin(E, centre=None),
        "centred along the wrong axis: subtract each column's mean over the rows (E.mean(dim=0)), not each row's mean":
            _pca_twin(E, centre="rows"),
        "centred with the mean of all entries (E.mean()): subtract each column's own mean, E.mean(dim=0)":
            _pca_twin(E, centre="all"),
        "coordinates are U[:, :2] without the singular values: use U[:, :2] * S[:2] (or X @ Vh[:2].T)": _pca_twin(E, scale=False),
        "the two smallest components: the first rows of Vh have the largest singular values":
            _pca_twin(E, components=slice(-2, None)),
        "columns scaled to unit variance first: PCA here keeps each dimension's own scale": _pca_twin(E, standardise=True),
    }
    if len(E) >= E.size(1):  # with fewer rows than dimensions, X @ Vh[:, :2] does not multiply
        twins |= {"projected onto the columns of Vh: the principal directions are its rows, X @ Vh[:2].T":
                  _pca_twin(E, from_columns=True)}
    return twins


def _pca_cases():
    g = torch.Generator().manual_seed(7)
    scales = torch.tensor([6.0, 3.0, 1.5, 0.8, 0.4, 0.2])  # well separated: power iteration converges too
    return [
        ("E 30×6, columns with different means", torch.randn(30, 6, generator=g) * scales + torch.linspace(-4, 6, 6)),
        ("E 50×3", torch.randn(50, 3, generator=g) * scales[:3] - 2.0),
        ("the docstring's example E 4×2", torch.tensor([[0.0, 0.0], [2.0, 0.0], [4.0, 1.0], [6.0, 1.0]])),
    ]


def _few_rows_cases():
    g = torch.Generator().manual_seed(8)
    return [
        ("E 8×20 (fewer rows than dimensions)", torch.randn(8, 20, generator=g) * torch.linspace(4, 0.1, 20) + 3.0),
        ("E 2×5 (two rows: the second axis is all zeros)", torch.randn(2, 5, generator=g) * 3.0),
    ]


def _compare_pca(t, pca_2d, cases):
    compared = []
    for description, E in cases:
        got = t.tensor(pca_2d(E.clone()), f"pca_2d [{description}]")
        expected = reference.pca_2d(E)
        compared.append((f"pca_2d, each axis's sign matched to the reference's [{description}]", _signs_matched(got, expected), expected))
    t.close_cases(compared, atol=1e-3, twins=lambda i: {name: _signs_matched(twin, compared[i][1])
                                                        for name, twin in _pca_mistakes(cases[i][1]).items()})


def pca_matches_reference(t, pca_2d):
    """the rows projected onto the two main directions of the centred rows (either sign per axis)"""
    _compare_pca(t, pca_2d, _pca_cases())


def pca_few_rows(t, pca_2d):
    """works with fewer rows than dimensions, down to V = 2"""
    _compare_pca(t, pca_2d, _few_rows_cases())


def pca_axes_are_ordered(t, pca_2d):
    """the first axis has the larger variance, and the two axes are uncorrelated"""
    description, E = _pca_cases()[0]
    coords = t.tensor(pca_2d(E.clone()), f"pca_2d [{description}]").double()
    t.expect(coords.shape == (len(E), 2), f"pca_2d [{description}] has shape {tuple(coords.shape)}, expected ({len(E)}, 2)")
    centred = coords - coords.mean(0)
    first, second = centred.var(0).tolist()
    t.expect(first >= second, f"on {description}, column 0 has variance {first:.3g} and column 1 {second:.3g}: "
             "the first axis is the direction of largest variance")
    covariance = float((centred[:, 0] * centred[:, 1]).mean())
    t.expect(abs(covariance) <= 1e-3 * first,
             f"on {description}, the two columns have covariance {covariance:.3g}: principal axes are uncorrelated")


CHECKS = {
    "skipgram_pairs": [pairs_match_reference, pairs_vectorised],
    "SkipGram": [
        skipgram_parameters,
        skipgram_initialisation,
        skipgram_embeddings,
        full_softmax_matches_reference,
        negative_sampling_matches_reference,
        negative_sampling_is_stable,
        skipgram_gradients_flow,
    ],
    "most_similar": [most_similar_matches_reference, most_similar_returns_pairs, most_similar_zero_row],
    "analogy": [analogy_matches_reference, analogy_returns_pairs, analogy_planted],
    "pca_2d": [pca_matches_reference, pca_few_rows, pca_axes_are_ordered],
}
