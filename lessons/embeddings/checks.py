"""Checks for lesson 12.25: the learner's embeddings code against the reference.

Inputs are seeded and small; every comparison names the known mistake the output matches.
Lists of (index, cosine) pairs are compared as (k, 2) tensors; PCA axes are compared with
each axis's sign fixed (the largest entry positive), since either sign is right.
"""

import torch
import torch.nn.functional as F

from lessons.checking import count_torch_calls
from lessons.embeddings import reference

# ---------------------------------------------------------------------------
# skipgram_pairs


def _pairs_twin(ids, window, *, distances=None, one_side=False, wrap=False):
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
    return torch.cat(pairs)


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
    }
    return {name: _sorted_pairs(twin) for name, twin in twins.items()} | {
        "shape (2, N) instead of (N, 2): stack center and context with dim=1": reference.skipgram_pairs(ids, window).T,
    }


def _pairs_cases():
    g = torch.Generator().manual_seed(0)
    # 20 ids first: on [5, 7, 9] wrapping around and a window one too wide give the same pairs
    return [
        ("20 random ids, window=3", torch.randint(0, 50, (20,), generator=g), 3),
        ("ids=[5, 7, 9], window=1", torch.tensor([5, 7, 9]), 1),
        ("ids as a list, window=2", [4, 1, 8, 8, 3, 0, 2], 2),
        ("3 ids, window=5 (wider than the sequence)", torch.tensor([2, 6, 4]), 5),
    ]


def pairs_match_reference(t, skipgram_pairs):
    """every (center, context) pair within the window, both sides, no (w, w) pairs, in any order"""
    for description, ids, window in _pairs_cases():
        got = t.tensor(skipgram_pairs(ids, window), f"skipgram_pairs [{description}]")
        t.expect(not got.dtype.is_floating_point, f"pairs have dtype {got.dtype} [{description}]",
                 "pairs built as floats: ids are indices, keep dtype=torch.long")
        t.close(_sorted_pairs(got), _sorted_pairs(reference.skipgram_pairs(ids, window)),
                what=f"sorted pairs [{description}]", atol=0, mistakes=lambda: _pairs_mistakes(ids, window))


def pairs_vectorised(t, skipgram_pairs):
    """builds the pairs with whole-tensor operations (the work does not grow with len(ids))"""
    short, long = torch.arange(40) % 7, torch.arange(400) % 7
    calls = [count_torch_calls(lambda ids=ids: skipgram_pairs(ids, 2)) for ids in (short, long)]
    t.expect(calls[1] <= calls[0], f"{calls[0]} torch calls for 40 ids but {calls[1]} for 400 ids",
             "a Python loop over positions: for each distance d, line up ids[:-d] with ids[d:] instead")


# ---------------------------------------------------------------------------
# SkipGram

_LAYOUT = "self.center_emb and self.context_emb, each nn.Embedding(vocab_size, dim)"


def _skipgram_pair(t, SkipGram, vocab_size=11, dim=4, seed=0, scale=0.7):
    """The learner's model and the reference's, both holding the same random weights
    (random, not the zero initialisation of W, so that every score differs)."""
    torch.manual_seed(seed)
    want = reference.SkipGram(vocab_size, dim)
    with torch.no_grad():
        for table in (want.center_emb, want.context_emb):
            table.weight.normal_(0.0, scale)
    mine = SkipGram(vocab_size, dim)
    return t.load_reference_weights(mine, want, _LAYOUT), want


def _batch(vocab_size=11, B=6, k=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.randint(vocab_size, (B,), generator=g), torch.randint(vocab_size, (B,), generator=g),
            torch.randint(vocab_size, (B, k), generator=g))


SUMMED = "loss summed over the batch instead of averaged: take .mean()"
SIGN_FLIPPED = "sign flipped: minimise the negative log-likelihood, −log p, not log p"
CENTER_TABLE_FOR_CONTEXTS = "context words scored with the center table E: score them with self.context_emb (W)"


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
                            reduce_negatives="sum", log_on_negatives=True, reduce_batch="mean", sign=1.0, context_table=None):
    """The reference loss with one knob turned."""
    E = model.center_emb.weight
    W = model.context_emb.weight if context_table is None else context_table
    c = E[center]
    positive = (c * W[context]).sum(-1)
    negative = (W[negatives] @ c.unsqueeze(-1)).squeeze(-1)
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
    }


def skipgram_parameters(t, SkipGram):
    """has two tables, center_emb and context_emb, each nn.Embedding(vocab_size, dim)"""
    _skipgram_pair(t, SkipGram)


def skipgram_initialisation(t, SkipGram):
    """starts as Word2Vec does: E uniform in ±0.5/dim, W all zeros"""
    torch.manual_seed(0)
    model = SkipGram(50, 8)
    E, W = model.center_emb.weight, model.context_emb.weight
    t.expect(bool((W == 0).all()), f"context_emb starts with values up to {float(W.abs().max()):.3g}, expected zeros",
             "context table W not initialised to zeros")
    t.expect(0 < float(E.abs().max()) <= 0.5 / 8,
             f"center_emb starts with values up to {float(E.abs().max()):.3g}, expected at most 0.5/dim = 0.0625 (and not all 0)",
             "center table E not initialised uniform in ±0.5/dim (nn.init.uniform_)")


def skipgram_embeddings(t, SkipGram):
    """embeddings is a property returning the center table E (V, dim)"""
    mine, want = _skipgram_pair(t, SkipGram)
    t.expect(isinstance(getattr(type(mine), "embeddings", None), property),
             "embeddings should be a property: model.embeddings, without parentheses",
             "embeddings is a method: put @property above it")
    t.close(mine.embeddings, want.center_emb.weight, what="embeddings", atol=0,
            mistakes={"embeddings returns the context table W: the vectors kept are the center table E": want.context_emb.weight})


def full_softmax_matches_reference(t, SkipGram):
    """full_softmax_loss matches the reference: mean over the batch of −log softmax(E[c]·Wᵀ)[o]"""
    for vocab_size, dim, B in ((11, 4, 6), (30, 8, 9)):
        mine, want = _skipgram_pair(t, SkipGram, vocab_size, dim, seed=vocab_size)
        center, context, _ = _batch(vocab_size, B, seed=vocab_size)
        with torch.no_grad():
            t.close(mine.full_softmax_loss(center, context), want.full_softmax_loss(center, context),
                    what=f"full_softmax_loss [V={vocab_size}, dim={dim}, B={B}]", atol=1e-5,
                    mistakes=lambda: _full_softmax_mistakes(want, center, context))


def negative_sampling_matches_reference(t, SkipGram):
    """negative_sampling_loss matches the reference: −log σ(E[c]·W[o]) − Σ_n log σ(−E[c]·W[n]), averaged"""
    for vocab_size, dim, B, k in ((11, 4, 6, 3), (30, 8, 9, 5)):
        mine, want = _skipgram_pair(t, SkipGram, vocab_size, dim, seed=vocab_size)
        center, context, negatives = _batch(vocab_size, B, k, seed=vocab_size)
        with torch.no_grad():
            t.close(mine.negative_sampling_loss(center, context, negatives),
                    want.negative_sampling_loss(center, context, negatives),
                    what=f"negative_sampling_loss [V={vocab_size}, dim={dim}, B={B}, k={k}]", atol=1e-5,
                    mistakes=lambda: _negative_sampling_mistakes(want, center, context, negatives))


def negative_sampling_is_stable(t, SkipGram):
    """negative_sampling_loss stays finite when scores are large (±200)"""
    mine, want = _skipgram_pair(t, SkipGram, vocab_size=3, dim=2)
    with torch.no_grad():
        for table in (mine, want):
            table.center_emb.weight.copy_(torch.tensor([[10.0, 0.0], [0.0, 1.0], [0.0, 1.0]]))
            table.context_emb.weight.copy_(torch.tensor([[0.0, 0.0], [-20.0, 0.0], [20.0, 0.0]]))
        center, context, negatives = torch.tensor([0]), torch.tensor([1]), torch.tensor([[2]])  # scores −200, +200
        got = t.tensor(mine.negative_sampling_loss(center, context, negatives), "negative_sampling_loss")
        t.expect(bool(torch.isfinite(got).all()), f"negative_sampling_loss is {float(got)} for scores of −200 and +200",
                 "log(torch.sigmoid(x)) is log(0) = −inf for large scores: use F.logsigmoid")
        t.close(got, want.negative_sampling_loss(center, context, negatives), what="negative_sampling_loss at ±200", atol=1e-3)


def skipgram_gradients_flow(t, SkipGram):
    """both losses send gradients to both tables"""
    center, context, negatives = _batch()
    for name, loss_of in (("full_softmax_loss", lambda m: m.full_softmax_loss(center, context)),
                          ("negative_sampling_loss", lambda m: m.negative_sampling_loss(center, context, negatives))):
        mine, _ = _skipgram_pair(t, SkipGram)
        loss = t.tensor(loss_of(mine), name)
        t.expect(loss.requires_grad, f"{name} does not require grad: the computation left autograd",
                 "computed outside autograd (.detach(), .data, .item() or numpy)")
        loss.backward()
        for table in ("center_emb", "context_emb"):
            grad = getattr(mine, table).weight.grad
            t.expect(grad is not None and bool(grad.abs().sum() > 0), f"{name}: no gradient reaches {table}",
                     "computed outside autograd (.detach(), .data, .item() or numpy)")


# ---------------------------------------------------------------------------
# most_similar and analogy


def _as_tensor(t, result, what, k) -> torch.Tensor:
    """A list of (index, cosine) pairs as a (k, 2) float64 tensor, or a one-line failure."""
    try:
        rows = [(int(index), float(cosine)) for index, cosine in result]
    except (TypeError, ValueError):
        t.fail(f"{what} should be a list of (index, cosine) pairs, got {type(result).__name__}")
    return torch.tensor(rows, dtype=torch.float64).reshape(len(rows), 2)


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


def _ranked(t, fn, E, *args, k, what):
    return _as_tensor(t, fn(E.clone(), *args, k), what, k)


def most_similar_matches_reference(t, most_similar):
    """returns the k nearest rows by cosine as (index, cosine), most similar first, without idx"""
    for V, dim, idx, k, seed in ((12, 5, 3, 4, 0), (30, 8, 0, 29, 1), (9, 3, 8, 1, 2)):
        E = _spread_rows(V, dim, seed)
        what = f"most_similar(E {V}×{dim}, idx={idx}, k={k}) as (index, cosine) rows"
        want = _as_tensor(t, reference.most_similar(E, idx, k), what, k)
        t.close(_ranked(t, most_similar, E, idx, k=k, what=what), want, what=what, atol=1e-5,
                mistakes=lambda: _most_similar_mistakes(E, idx, k))


def most_similar_zero_row(t, most_similar):
    """a row of zeros gets cosine 0, not nan, and E is left unchanged"""
    E = _spread_rows(6, 4, 3)
    E[2] = 0.0
    before = E.clone()
    got = _as_tensor(t, most_similar(E, 0, 5), "most_similar with a zero row", 5)
    t.expect(not bool(torch.isnan(got).any()), "most_similar gives nan when E has a row of zeros",
             "a zero row divides by zero: clamp the norms (.clamp_min(1e-12)) before dividing")
    t.expect(torch.equal(E, before), "most_similar changed E", "E changed in place: normalise into a new tensor, not E /= ...")
    t.close(got, _as_tensor(t, reference.most_similar(E, 0, 5), "reference", 5), what="most_similar with a zero row", atol=1e-5)


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


def analogy_matches_reference(t, analogy):
    """ranks rows by cosine to b − a + c of the unit rows, leaving a, b and c out"""
    for V, dim, (a, b, c), k, seed in ((12, 5, (0, 1, 2), 4, 4), (25, 6, (7, 3, 11), 22, 5), (8, 3, (5, 2, 6), 1, 6)):
        E = _spread_rows(V, dim, seed)
        what = f"analogy(E {V}×{dim}, a={a}, b={b}, c={c}, k={k}) as (index, cosine) rows"
        want = _as_tensor(t, reference.analogy(E, a, b, c, k), what, k)
        t.close(_ranked(t, analogy, E, a, b, c, k=k, what=what), want, what=what, atol=1e-5,
                mistakes=lambda: _analogy_mistakes(E, a, b, c, k))


def analogy_planted(t, analogy):
    """finds queen for man : king :: woman : ? in a planted space"""
    E = torch.tensor([[1.0, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1], [0, 1, 0]])  # man, king, woman, queen, crown
    got = _as_tensor(t, analogy(E, 0, 1, 2, 2), "analogy(man, king, woman)", 2)
    t.expect(int(got[0, 0]) == 3, f"man : king :: woman : ? gave row {int(got[0, 0])}, expected 3 (queen)")


# ---------------------------------------------------------------------------
# pca_2d


def _fixed_signs(coords: torch.Tensor) -> torch.Tensor:
    """Each column flipped so its entry of largest magnitude is positive: either sign is a right answer."""
    if coords.dim() != 2:
        return coords
    pivot = coords.gather(0, coords.abs().argmax(0, keepdim=True))  # (1, columns)
    return coords * torch.where(pivot < 0, -1.0, 1.0)


def _pca_twin(E, *, centre="columns", components=slice(0, 2), from_columns=False, scale=True, standardise=False):
    X = E - E.mean(dim=0) if centre == "columns" else E - E.mean(dim=1, keepdim=True) if centre == "rows" else E
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
        "projected onto the columns of Vh: the principal directions are its rows, X @ Vh[:2].T":
            _pca_twin(E, from_columns=True),
        "coordinates are U[:, :2] without the singular values: use U[:, :2] * S[:2] (or X @ Vh[:2].T)": _pca_twin(E, scale=False),
        "the two smallest components: the first rows of Vh have the largest singular values":
            _pca_twin(E, components=slice(-2, None)),
        "columns scaled to unit variance first: PCA here keeps each dimension's own scale": _pca_twin(E, standardise=True),
    }
    return {name: _fixed_signs(twin) for name, twin in twins.items()}


def _pca_cases():
    g = torch.Generator().manual_seed(7)
    scales = torch.tensor([6.0, 3.0, 1.5, 0.8, 0.4, 0.2])  # well separated: power iteration converges too
    return [
        ("E 30×6, offset mean", torch.randn(30, 6, generator=g) * scales + torch.linspace(-4, 6, 6)),
        ("E 8×20 (fewer rows than dimensions)", torch.randn(8, 20, generator=g) * torch.linspace(4, 0.1, 20) + 3.0),
        ("E 50×3", torch.randn(50, 3, generator=g) * scales[:3] - 2.0),
    ]


def pca_matches_reference(t, pca_2d):
    """the rows projected onto the two main directions of the centred rows (either sign per axis)"""
    for description, E in _pca_cases():
        got = t.tensor(pca_2d(E.clone()), f"pca_2d [{description}]")
        t.close(_fixed_signs(got), _fixed_signs(reference.pca_2d(E)), what=f"pca_2d with signs fixed [{description}]",
                atol=1e-3, mistakes=lambda: _pca_mistakes(E))


def pca_axes_are_ordered(t, pca_2d):
    """the first axis has the larger variance, and the two axes are uncorrelated"""
    _, E = _pca_cases()[0]
    coords = t.tensor(pca_2d(E), "pca_2d").double()
    centred = coords - coords.mean(0)
    first, second = centred.var(0).tolist() if coords.dim() == 2 and coords.size(1) == 2 else (0.0, 0.0)
    t.expect(first >= second, f"the first axis has variance {first:.3g}, the second {second:.3g}: the first should be larger",
             "the two smallest components: the first rows of Vh have the largest singular values")
    covariance = float((centred[:, 0] * centred[:, 1]).mean())
    t.expect(abs(covariance) <= 1e-3 * first, f"the two axes have covariance {covariance:.3g}: principal axes are uncorrelated")


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
    "most_similar": [most_similar_matches_reference, most_similar_zero_row],
    "analogy": [analogy_matches_reference, analogy_planted],
    "pca_2d": [pca_matches_reference, pca_axes_are_ordered],
}
