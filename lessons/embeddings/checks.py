"""Checks for lesson 12.25: the learner's embeddings code against the reference.

Inputs are seeded and small. A known mistake is named only when its twin (the reference
with that one mistake) gives what the learner's code gives on every case of a check, and
each check holds cases on which the twins part ways (a repeated id, one token, a window
wider than the sequence; rows of very different lengths; B = 1 and k = 1; columns with
different means, rows a, b and c close together); otherwise the failure says which input
differs, where, what is cheap and certain about it (the distances of the missing pairs, a
common factor, a constant shift, swapped columns) and the docstring sentence it breaks.
Slips of form are named structurally, and only when the content is right: the right pairs
as a list or (2, N), the right ranking as (indices, values), the right loss as a float.
An input that raises is named only when it shares a cause with every other that raises
(a list, no pairs at all, a window wider than the sequence), after the rest are compared.
Lists of (index, cosine) pairs are compared as (k, 2) tensors; PCA axes are compared with
each axis's sign matched to the reference's, since either sign is right.
"""

import math
from collections import Counter

import torch
import torch.nn.functional as F

from lessons.checking import CheckFailed, remote_facts
from lessons.embeddings import reference


# ---------------------------------------------------------------------------
# skipgram_pairs


def _pairs_twin(ids, window, *, distances=None, sides=("right", "left"), wrap=False, drop_equal_ids=False,
                self_pairs_twice=False):
    """The reference with one knob turned; `distances` replaces 1..window, `sides` says which
    pairs each distance adds ("right": center then the token d to its right; "left": swapped)."""
    ids = torch.as_tensor(ids, dtype=torch.long)
    pairs = [torch.empty(0, 2, dtype=torch.long)]
    for distance in distances if distances is not None else range(1, window + 1):
        if wrap:
            left, right = ids, ids.roll(-distance)
        elif distance >= len(ids):
            continue
        else:
            left, right = ids[: len(ids) - distance], ids[distance:]
        for side in sides:
            if side == "right":
                pairs.append(torch.stack([left, right], dim=1))
            elif distance != 0 or self_pairs_twice:  # at distance 0 the left pair is the right one again
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


SELF_PAIRS = "includes (w, w) pairs at distance 0: a token is never its own context"


def _pairs_mistakes(ids, window):
    n = len(ids)
    twins = {
        SELF_PAIRS: _pairs_twin(ids, window, distances=range(0, window + 1)),
        "includes (w, w) pairs at distance 0, each twice (as a right and as a left pair): a token is never its own context":
            _pairs_twin(ids, window, distances=range(0, window + 1), self_pairs_twice=True),
        "distances 0 to window − 1 (range(window)): a (w, w) pair at distance 0 and none at distance window; "
        "use range(1, window + 1)": _pairs_twin(ids, window, distances=range(0, window), self_pairs_twice=True),
        "window off by one: distances run from 1 to window inclusive (range(1, window + 1))":
            _pairs_twin(ids, window, distances=range(1, window)),
        "window off by one: pairs at distance window + 1 are included": _pairs_twin(ids, window, distances=range(1, window + 2)),
        "only distance window itself: every distance from 1 to window gives pairs (range(1, window + 1))":
            _pairs_twin(ids, window, distances=[window]),
        "window off by one, and the clamp too: range(1, min(window, len(ids) − 1)) stops one short of both; "
        "both ends are inclusive, range(1, min(window, len(ids) − 1) + 1)":
            _pairs_twin(ids, window, distances=range(1, min(window, n - 1))),
        "only contexts to the right: each center also predicts the words to its left":
            _pairs_twin(ids, window, sides=("right",)),
        "only contexts to the left: each center also predicts the words to its right":
            _pairs_twin(ids, window, sides=("left",)),
        "the left-hand pairs repeat the right-hand ones: swap the two slices, torch.stack([ids[d:], ids[:-d]], dim=1)":
            _pairs_twin(ids, window, sides=("right", "right")),
        "every pair twice: each distance adds its right-hand and its left-hand pairs once":
            _pairs_twin(ids, window, sides=("right", "left", "right", "left")),
        "repeated pairs merged (torch.unique or a set): a pair that occurs twice in the text is two training pairs":
            torch.unique(reference.skipgram_pairs(ids, window), dim=0),
        "pairs wrap around the ends of the sequence (torch.roll): the first token has no left context":
            _pairs_twin(ids, window, wrap=True),
        "pairs of equal ids dropped: only distance 0 is left out, two equal tokens side by side are a pair":
            _pairs_twin(ids, window, drop_equal_ids=True),
    }
    return {name: _sorted_pairs(twin) for name, twin in twins.items()}


def _pairs_cases():
    g = torch.Generator().manual_seed(0)
    return [
        ("ids=[10, 11, ..., 21] (12 distinct ids), window=3", torch.arange(10, 22), 3),
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


def _by_distance(got: torch.Tensor, expected: torch.Tensor, ids, window) -> str:
    """On distinct ids each pair has one distance (context position − center position): which
    distances are missing or extra, and the docstring sentence that this breaks."""
    ids = torch.as_tensor(ids).tolist()
    if len(set(ids)) != len(ids):
        return ""
    position = {token: i for i, token in enumerate(ids)}

    def distances(pairs):
        return Counter(position[o] - position[c] for c, o in pairs.tolist() if c in position and o in position)

    have, want = distances(got), distances(expected)
    parts = []
    for label, counts in (("missing", want - have), ("extra", have - want)):
        listed = [f"{d:+d}".replace("+0", "0") + f" ×{counts[d]}" + (" (all of them)" if label == "missing" and counts[d] == want[d] else "")
                  for d in sorted(counts, key=lambda d: (abs(d), -d))]
        if listed:
            parts.append(f"{label} at distance {', '.join(listed)}")
    if not parts:
        return ""
    extra = have - want
    if 0 in extra:
        broken = "a token is never its own context: distance 0 is not a pair"
    elif any(abs(d) >= len(ids) - window for d in extra):
        broken = "Pairs stop at both ends of the sequence (nothing wraps around)"
    elif any(abs(d) > window for d in extra) or want - have:
        broken = "Every (center, context) pair of `ids` whose distance is 1 to `window`, on either side"
    else:
        broken = "A sequence of n tokens gives 2·(window·n − window·(window + 1)/2) pairs"
    return f"; by distance (context position − center position): {'; '.join(parts)}. The docstring: “{broken}”"


LIST_OF_IDS_RAISES = "a list of ids raises: turn ids into a tensor first, torch.as_tensor(ids, dtype=torch.long)"
NO_PAIRS_RAISES = ("a sequence with no pairs (one token, or none) raises: return an empty (0, 2) LongTensor, e.g. seed "
                   "the pieces with torch.empty(0, 2, dtype=torch.long) so that torch.cat never gets an empty list")
WIDE_WINDOW_RAISES = "a window wider than the sequence raises: distances stop at len(ids) − 1, min(window, len(ids) − 1)"
PAIRS_AS_FLOATS = "pairs built as floats: ids are indices, keep dtype=torch.long"
PAIRS_AS_OTHER_INTS = "pairs have another integer dtype (torch.int32?): the docstring promises a LongTensor, dtype=torch.long"


def _learner_raised(error: Exception) -> bool:
    """An exception from the learner's code (not the stub's NotImplementedError, not the grader's own)."""
    return getattr(error, "remote", None) is not None and not isinstance(error, NotImplementedError)


def _said(error: Exception) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0]}" if text else type(error).__name__


def _explain_pairs_errors(skipgram_pairs, cases, outcomes):
    """(message, diagnosis) when the inputs the learner's code raises on share one cause, else
    re-raise. A list input that raised is retried as a tensor, and `outcomes` gets that result."""
    raised = {i for i, outcome in enumerate(outcomes) if isinstance(outcome, Exception)}
    first = outcomes[min(raised)]
    said = f"skipgram_pairs [{cases[min(raised)][0]}] raised {_said(first)}"
    as_lists = {i for i, (_, ids, _) in enumerate(cases) if isinstance(ids, list)}
    if raised == as_lists:
        for i in as_lists:  # the same ids as a tensor work: the list is the cause
            _, ids, window = cases[i]
            try:
                outcomes[i] = skipgram_pairs(torch.tensor(ids), window)
            except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
                if not _learner_raised(error):
                    raise
                raise first from None
        return f"{said}; the same ids as a tensor work", LIST_OF_IDS_RAISES
    if raised <= {i for i, (_, ids, _) in enumerate(cases) if len(ids) < 2}:
        return f"{said}: that input has no pairs at all, and the result should be a (0, 2) LongTensor", NO_PAIRS_RAISES
    if raised <= {i for i, (_, ids, window) in enumerate(cases) if window >= len(ids)}:
        return f"{said}; the inputs with len(ids) > window work", WIDE_WINDOW_RAISES
    raise first


def _check_pairs_containers(t, cases, outcomes, expected):
    """Structural slips that keep the right pairs: a list, unjoined pieces, (2, N), flattened, the
    empty case, a dtype. Each is named only when the pairs themselves are right."""
    descriptions = [description for description, _, _ in cases]

    def same_pairs(pairs, want):
        return pairs.shape == want.shape and torch.equal(_sorted_pairs(pairs.long()), _sorted_pairs(want))

    if not all(isinstance(outcome, torch.Tensor) for outcome in outcomes):
        where = next(i for i, outcome in enumerate(outcomes) if not isinstance(outcome, torch.Tensor))
        what = f"skipgram_pairs [{descriptions[where]}] returned a {t.type_name(outcomes[where])}: the docstring promises a LongTensor (N, 2)"
        if all(isinstance(outcome, (list, tuple)) for outcome in outcomes):
            if all(outcome and all(isinstance(piece, torch.Tensor) for piece in outcome) for outcome in outcomes):
                joined = [torch.cat(list(outcome)) for outcome in outcomes]
                t.expect(not all(same_pairs(pairs, want) for pairs, want in zip(joined, expected)), what,
                         "the pieces are returned unjoined: torch.cat them into one (N, 2) tensor")
            try:
                as_tensors = [torch.tensor(outcome, dtype=torch.long).reshape(-1, 2) for outcome in outcomes]
            except (TypeError, ValueError, RuntimeError):
                as_tensors = None
            t.expect(as_tensors is None or not all(same_pairs(pairs, want) for pairs, want in zip(as_tensors, expected)),
                     what, "the right pairs, returned as a Python list: build them as one LongTensor (N, 2)")
        t.fail(what)
    t.expect(not all(outcome.dim() == 2 and outcome.size(0) == 2 and same_pairs(outcome.T, want)
                     for outcome, want in zip(outcomes, expected)),
             f"skipgram_pairs [{descriptions[0]}] has shape {tuple(outcomes[0].shape)}, expected {tuple(expected[0].shape)}",
             "shape (2, N) instead of (N, 2): stack center and context with dim=1")
    t.expect(not all(outcome.dim() == 1 and torch.equal(outcome.long().sort().values, want.flatten().sort().values)
                     for outcome, want in zip(outcomes, expected)),
             f"skipgram_pairs [{descriptions[0]}] has shape {tuple(outcomes[0].shape)}, expected {tuple(expected[0].shape)}",
             "pairs flattened to one dimension (torch.cat of the two slices, or .flatten()): "
             "torch.stack([center, context], dim=1) makes the (N, 2) rows")
    has_pairs = [i for i, want in enumerate(expected) if len(want)]
    right = [outcomes[i].dtype == torch.long and same_pairs(outcomes[i], expected[i]) for i in range(len(cases))]
    if all(right[i] for i in has_pairs) and not all(right):
        where = next(i for i in range(len(cases)) if not right[i])
        t.fail(f"skipgram_pairs [{descriptions[where]}] returned shape {tuple(outcomes[where].shape)} {outcomes[where].dtype}, "
               "expected shape (0, 2) torch.int64; every input with pairs is right",
               "the empty result has the wrong shape or dtype: with no pairs return torch.empty(0, 2, dtype=torch.long)")
    wrong_dtype = next((i for i in has_pairs if outcomes[i].dtype != torch.long), None)
    if wrong_dtype is not None and all(same_pairs(outcomes[i], expected[i]) for i in has_pairs):
        got = outcomes[wrong_dtype]
        t.fail(f"pairs have dtype {got.dtype} [{descriptions[wrong_dtype]}]: the docstring promises a LongTensor (torch.long)",
               PAIRS_AS_FLOATS if got.dtype.is_floating_point else PAIRS_AS_OTHER_INTS)


def _compare_pairs(t, cases, outcomes):
    """Fail unless every outcome holds the reference's pairs as a LongTensor (N, 2), in any order."""
    expected = [reference.skipgram_pairs(ids, window) for _, ids, window in cases]
    _check_pairs_containers(t, cases, outcomes, expected)
    compared = [(f"pairs [{description}]", _sorted_pairs(got), _sorted_pairs(want))
                for (description, _, _), got, want in zip(cases, outcomes, expected)]
    try:
        t.close_cases(compared, atol=0, twins=lambda i: _pairs_mistakes(*cases[i][1:]))
    except CheckFailed as failure:
        index, (what, got, want) = next((i, case) for i, case in enumerate(compared)
                                        if not (case[1].shape == case[2].shape and torch.equal(case[1], case[2])))
        if got.dim() != 2 or got.size(1) != 2:
            raise
        _, ids, window = cases[index]
        dtype = next((f"; the pairs also have dtype {o.dtype}, not torch.long" for o in outcomes if o.dtype != torch.long), "")
        t.fail(f"{what}: {len(got)} pairs, expected {len(want)}; {_pairs_difference(got, want)}"
               f"{_by_distance(got, want, ids, window)}{dtype}", failure.diagnosis)
    dtypes = [outcome.dtype for outcome in outcomes if outcome.dtype != torch.long]
    t.expect(not dtypes, f"pairs have dtype {dtypes[0] if dtypes else ''}: the docstring promises a LongTensor (torch.long)")


def pairs_match_reference(t, skipgram_pairs):
    """every (center, context) pair within the window, both sides, no (w, w) pairs, in any order"""
    cases = _pairs_cases()
    outcomes = []
    for _, ids, window in cases:
        try:
            outcomes.append(skipgram_pairs(ids, window))
        except Exception as error:  # noqa: BLE001 - which inputs raise tells the cause
            if not _learner_raised(error):
                raise
            outcomes.append(error)
    if not any(isinstance(outcome, Exception) for outcome in outcomes):
        _compare_pairs(t, cases, outcomes)
        return
    # Raised on some inputs: compare the others too, so that a second mistake is not hidden behind it.
    message, diagnosis = _explain_pairs_errors(skipgram_pairs, cases, outcomes)
    kept = [i for i, outcome in enumerate(outcomes) if not isinstance(outcome, Exception)]
    try:
        _compare_pairs(t, [cases[i] for i in kept], [outcomes[i] for i in kept])
    except CheckFailed as failure:
        t.fail(f"{failure.message}; and {message}", failure.diagnosis)
    t.fail(message, diagnosis)


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
CONTEXT_TABLE_FOR_CENTERS = "center words looked up in the context table W: their vectors are rows of self.center_emb (E)"
TABLES_SWAPPED = "the two tables swapped: centers are rows of E (self.center_emb), contexts are scored with W (self.context_emb)"
SCALED_SCORES = "scores divided by √dim: skip-gram's score is the plain dot product E[c]·W[o] (the √d scale is attention's)"
PER_ROW_LOSSES = "one loss per row returned: average them to one number, the mean over the batch"
OUTSIDE_AUTOGRAD = "computed outside autograd (.detach(), .data, .item() or numpy)"
LOSS_AS_NUMBER = "the loss is returned as a Python number (.item()): return the tensor, so that loss.backward() works"


def _full_softmax_mistakes(model, center, context):
    E, W = model.center_emb.weight, model.context_emb.weight
    logits = E[center] @ W.T  # (B, V)
    log_p = logits.log_softmax(-1).gather(1, context[:, None]).squeeze(1)
    return {
        CENTER_TABLE_FOR_CONTEXTS: F.cross_entropy(E[center] @ E.T, context),
        CONTEXT_TABLE_FOR_CENTERS: F.cross_entropy(W[center] @ W.T, context),
        TABLES_SWAPPED: F.cross_entropy(W[center] @ E.T, context),
        "softmax over the batch (dim=0) instead of over the vocabulary (dim=-1)":
            -logits.log_softmax(0).gather(1, context[:, None]).mean(),
        "softmax over the batch's own contexts (E[c] @ W[context].T, targets arange(B)): "
        "score every center against the whole table, E[c] @ W.T, (B, V)":
            F.cross_entropy(E[center] @ W[context].T, torch.arange(len(center))),
        "softmax applied before F.cross_entropy, which applies its own: pass the raw scores (logits)":
            F.cross_entropy(logits.softmax(-1), context),
        SUMMED: -log_p.sum(),
        "averaged over all B·V entries (a one-hot product, then .mean()): average over the batch only":
            -log_p.mean() / W.size(0),
        PER_ROW_LOSSES: -log_p,
        SIGN_FLIPPED: log_p.mean(),
        "probability without its log: the loss is −log p(o | c), not −p(o | c)": -log_p.exp().mean(),
        "raw scores passed to F.nll_loss, which expects log-probabilities: use F.cross_entropy (or log_softmax first)":
            F.nll_loss(logits, context),
        SCALED_SCORES: F.cross_entropy(logits / E.size(1) ** 0.5, context),
        "center and context swapped: the center word's vector E[center] scores the context word":
            F.cross_entropy(E[context] @ W.T, center),
    }


def _sampled_scores(model, center, context, negatives, *, center_table=None, context_table=None, negatives_table=None,
                    negatives_of_every_row=False):
    """(positive (B,), negative (B, k)) scores, with the tables the reference uses unless one is named."""
    E, W = model.center_emb.weight, model.context_emb.weight
    c = (E if center_table is None else center_table)[center]
    positive = (c * (W if context_table is None else context_table)[context]).sum(-1)  # (B,)
    N = (W if context_table is None else context_table) if negatives_table is None else negatives_table
    if negatives_of_every_row:
        negative = c @ N[negatives].transpose(1, 2)  # (B, dim) @ (B, dim, k) broadcasts to (B, B, k)
    else:
        negative = (N[negatives] @ c.unsqueeze(-1)).squeeze(-1)  # (B, k)
    return positive, negative


def _negative_sampling_mistakes(model, center, context, negatives):
    E, W = model.center_emb.weight, model.context_emb.weight
    positive, negative = _sampled_scores(model, center, context, negatives)
    log_sigmoid, k = F.logsigmoid, negatives.size(1)

    def loss(positive_term, negative_terms):  # the reference's reduction: sum over the k negatives, mean over the batch
        return -(positive_term + negative_terms.sum(-1)).mean()

    def with_scores(**tables):
        p, n = _sampled_scores(model, center, context, negatives, **tables)
        return loss(log_sigmoid(p), log_sigmoid(-n))

    scale = E.size(1) ** 0.5
    return {
        "negatives scored with σ(+s) instead of σ(−s): they are pulled towards the center word, not pushed away":
            loss(log_sigmoid(positive), log_sigmoid(negative)),
        "true context scored with σ(−s): the real pair should score high, −log σ(E[c]·W[o])":
            loss(log_sigmoid(-positive), log_sigmoid(-negative)),
        "positive and negative roles swapped: σ(+s) for the true context, σ(−s) for the negatives":
            loss(log_sigmoid(-positive), log_sigmoid(negative)),
        "negatives' term added with the wrong sign: the loss is −log σ(s) − Σ_n log σ(−s_n), both terms subtracted":
            -(log_sigmoid(positive) - log_sigmoid(-negative).sum(-1)).mean(),
        "negatives left out: the loss needs − Σ_n log σ(−E[c]·W[n]) as well": -log_sigmoid(positive).mean(),
        "only the first negative used: sum the terms of all k negatives": loss(log_sigmoid(positive), log_sigmoid(-negative[:, :1])),
        "negatives averaged instead of summed over the k samples": -(log_sigmoid(positive) + log_sigmoid(-negative).mean(-1)).mean(),
        "averaged over the k + 1 terms of each row too: sum the positive and the k negative terms, then average over the batch":
            loss(log_sigmoid(positive), log_sigmoid(-negative)) / (k + 1),
        "negatives' term summed over the whole batch: average each row's loss over the batch, negatives included":
            -(log_sigmoid(positive).mean() + log_sigmoid(-negative).sum()),
        "log missing on the negatives' term: − Σ_n log σ(−s_n), not − Σ_n σ(−s_n)":
            loss(log_sigmoid(positive), torch.sigmoid(-negative)),
        "log missing on the true context's term: −log σ(E[c]·W[o]), not −σ(E[c]·W[o])":
            loss(torch.sigmoid(positive), log_sigmoid(-negative)),
        "log missing on both terms: the loss is −log σ(s) − Σ_n log σ(−s_n), not −σ(s) − Σ_n σ(−s_n)":
            loss(torch.sigmoid(positive), torch.sigmoid(-negative)),
        SUMMED: -(log_sigmoid(positive) + log_sigmoid(-negative).sum(-1)).sum(),
        PER_ROW_LOSSES: -(log_sigmoid(positive) + log_sigmoid(-negative).sum(-1)),
        SIGN_FLIPPED: -loss(log_sigmoid(positive), log_sigmoid(-negative)),
        SCALED_SCORES: loss(log_sigmoid(positive / scale), log_sigmoid(-negative / scale)),
        CENTER_TABLE_FOR_CONTEXTS: with_scores(context_table=E),
        CONTEXT_TABLE_FOR_CENTERS: with_scores(center_table=W),
        TABLES_SWAPPED: with_scores(center_table=W, context_table=E),
        "negatives looked up in the center table E: like the true context, they are rows of self.context_emb (W)":
            with_scores(negatives_table=E),
        "every center scored against every row's negatives (c @ W[n].transpose(1, 2) broadcasts to (B, B, k)): "
        "row i's negatives go with row i's center, (W[n] @ c.unsqueeze(-1)).squeeze(-1)": with_scores(negatives_of_every_row=True),
    }


def skipgram_parameters(t, SkipGram):
    """has two tables, center_emb and context_emb, each nn.Embedding(vocab_size, dim)"""
    model = SkipGram(11, 4)
    t.expect(t.is_module(model), "SkipGram should subclass nn.Module")
    shapes = {key: tuple(value.shape) for key, value in model.state_dict().items()}
    found = ", ".join(f"{key} {shape}" for key, shape in shapes.items()) or "none"
    names = ("center_emb", "context_emb")
    if not all(f"{name}.weight" in shapes for name in names):
        t.expect(not all(name in shapes for name in names), f"found parameters {found}; expected {_LAYOUT}",
                 "the tables are bare nn.Parameter tensors: make each an nn.Embedding(vocab_size, dim), whose table is .weight")
        t.expect(sorted(shapes.values()) != [(11, 4), (11, 4)], f"found parameters {found}; expected {_LAYOUT}",
                 "the tables are not named center_emb and context_emb: the grader loads the reference's weights by these names")
        t.fail(f"found parameters {found}; expected {_LAYOUT}")
    for name in names:
        table = getattr(model, name)
        t.expect(not t.is_instance(table, "torch.nn.modules.linear.Linear"),
                 f"SkipGram(11, 4).{name} is an nn.Linear with weight {shapes[f'{name}.weight']}; expected nn.Embedding(11, 4)",
                 "nn.Linear instead of nn.Embedding: a Linear(vocab_size, dim) stores a (dim, vocab_size) weight (and a bias); "
                 "the lookup table is nn.Embedding(vocab_size, dim)")
        t.expect(shapes[f"{name}.weight"] != (4, 11),
                 f"SkipGram(11, 4).{name}.weight has shape (4, 11), expected (11, 4)",
                 "nn.Embedding(dim, vocab_size): its arguments are (num_embeddings, embedding_dim) = (vocab_size, dim)")
    mine, _ = _skipgram_pair(t, SkipGram)
    for name in names:
        table = getattr(mine, name)
        t.expect(t.is_instance(table, "torch.nn.modules.sparse.Embedding"),
                 f"self.{name} is a {t.type_name(table)}, expected nn.Embedding(vocab_size, dim)")


def _uniform_in(x: torch.Tensor, low: float, high: float) -> bool:
    """Hundreds of draws from U(low, high): within the bounds, close to both ends, half of them in the middle half."""
    span = high - low
    inside = bool(x.min() >= low - 1e-6 * span) and bool(x.max() <= high + 1e-6 * span)
    reaches = bool(x.min() < low + 0.1 * span) and bool(x.max() > high - 0.1 * span)
    middle = float(((x - (low + high) / 2).abs() <= span / 4).double().mean())
    return inside and reaches and 0.4 < middle < 0.6


def _normal_with(x: torch.Tensor, std: float) -> bool:
    return abs(float(x.std()) - std) < 0.1 * std and abs(float(x.mean())) < 0.1 * std


def _initialisation_mistakes(E, W, vocab_size, dim):
    """Each known wrong start, as whether these tables show it."""
    bound = 0.5 / dim
    zero_E, zero_W = bool((E == 0).all()), bool((W == 0).all())
    return {
        "initialisations swapped: E starts uniform in ±0.5/dim and W at zeros, not the other way round":
            zero_E and _uniform_in(W, -bound, bound),
        "center table E all zeros: with W zero too every score and every gradient is 0, and nothing learns; "
        "start E uniform in ±0.5/dim": zero_E and zero_W,
        "context table W not initialised to zeros: it is left at nn.Embedding's default N(0, 1) (nn.init.zeros_ it)":
            _normal_with(W, 1.0),
        "context table W not initialised to zeros: it got E's uniform ±0.5/dim too": not zero_E and _uniform_in(W, -bound, bound),
        "center table E not initialised uniform in ±0.5/dim: it is left at nn.Embedding's default N(0, 1)": _normal_with(E, 1.0),
        "center table E uniform in ±0.5, not ±0.5/dim: divide the bound by dim": _uniform_in(E, -0.5, 0.5),
        "center table E uniform in ±1/dim: the bound is 0.5/dim": _uniform_in(E, -1 / dim, 1 / dim),
        "center table E uniform in ±0.5/vocab_size: the bound is 0.5/dim": _uniform_in(E, -0.5 / vocab_size, 0.5 / vocab_size),
        "center table E uniform in [0, 0.5/dim): the interval is symmetric, [−0.5/dim, 0.5/dim] (torch.rand gives [0, 1))":
            _uniform_in(E, 0.0, bound),
        "center table E uniform in [0, 1), nn.init.uniform_'s default bounds: pass them, uniform_(w, -0.5 / dim, 0.5 / dim)":
            _uniform_in(E, 0.0, 1.0),
    }


def _initialisation_problem(E, W, vocab_size, dim):
    """(message, diagnosis) for tables that do not start as Word2Vec's do, else None."""
    made = f"SkipGram({vocab_size}, {dim})"
    if not bool((W == 0).all()):
        return (f"{made}: context_emb starts with values up to {float(W.abs().max()):.3g}, expected zeros",
                "context table W not initialised to zeros")
    bound = 0.5 / dim
    low, high = float(E.min()), float(E.max())
    if max(-low, high) > bound * (1 + 1e-6):
        return (f"{made}: center_emb starts with values up to {max(-low, high):.3g}, expected at most 0.5/dim = {bound:.3g}",
                "center table E not initialised uniform in ±0.5/dim (nn.init.uniform_)")
    if not _uniform_in(E, -bound, bound):
        inner = float((E.abs() <= bound / 2).double().mean())
        return (f"{made}: center_emb starts between {low:.3g} and {high:.3g} with {inner:.0%} of its values within "
                f"±{bound / 2:.3g}; uniform in ±0.5/dim = ±{bound:.3g} comes close to both ends and puts half within ±{bound / 2:.3g}",
                "center table E not initialised uniform in ±0.5/dim (nn.init.uniform_)")
    return None


def skipgram_initialisation(t, SkipGram):
    """starts as Word2Vec does: E uniform in ±0.5/dim, W all zeros"""
    sizes, problems = [], []
    for vocab_size, dim in ((200, 8), (300, 3)):
        torch.manual_seed(0)
        model = SkipGram(vocab_size, dim)
        E, W = model.center_emb.weight.detach(), model.context_emb.weight.detach()
        sizes.append((E, W, vocab_size, dim))
        problems.append(_initialisation_problem(E, W, vocab_size, dim))
    problem = next((problem for problem in problems if problem is not None), None)
    if problem is None:
        return
    # A specific name only when both sizes show it; else the broken half of the docstring's sentence.
    shown = [_initialisation_mistakes(*size) for size in sizes]
    named = next((name for name in shown[0] if all(mistakes[name] for mistakes in shown)), None)
    t.fail(problem[0], named or problem[1])


def skipgram_embeddings(t, SkipGram):
    """embeddings is a property returning the center table E (V, dim) itself, not a copy"""
    mine, want = _skipgram_pair(t, SkipGram)
    embeddings = mine.embeddings
    t.expect(not t.is_instance(embeddings, "builtins.method"),
             "model.embeddings is a bound method, not a tensor: the docstring asks for a property",
             "embeddings is a method: put @property above it")
    t.expect(not t.is_instance(embeddings, "torch.nn.modules.sparse.Embedding"),
             "model.embeddings is an nn.Embedding module, not a tensor",
             "embeddings returns the nn.Embedding module: return its table, self.center_emb.weight")
    E, W = want.center_emb.weight, want.context_emb.weight
    t.close(embeddings, E, what="model.embeddings", atol=0,
            mistakes={"embeddings returns the context table W: the vectors kept are the center table E": W,
                      "embeddings returns E + W: the vectors kept are the center table E alone": E + W,
                      "embeddings returns (E + W) / 2: the vectors kept are the center table E alone": (E + W) / 2,
                      "embeddings returns E transposed (dim, V): one row per word, the weight (V, dim) as it is": E.T})
    facts, weight = remote_facts(embeddings), remote_facts(mine.center_emb.weight)
    t.expect(facts["parameter"] and facts["storage"] == weight["storage"],
             "model.embeddings holds the values of center_emb.weight but is another tensor: the docstring asks for the weight itself",
             "embeddings returns a copy of E (.clone(), .detach() or .data): return self.center_emb.weight itself")


def _loss_ratio(cases) -> str:
    """" (on every input the loss is 0.25 × the reference's)": a factor common to every case, when there is one."""
    ratios = [float(got) / float(expected) for _, got, expected in cases
              if isinstance(got, torch.Tensor) and got.numel() == 1 and float(expected) != 0]
    if len(ratios) != len(cases) or not all(math.isfinite(r) for r in ratios) or max(ratios) - min(ratios) > 1e-4 * max(1.0, abs(ratios[0])):
        return ""
    return f" (on every input the loss is {ratios[0]:.4g} × the reference's)"


def _compare_losses(t, cases, twins, sentence):
    """close_cases for scalar losses, naming a Python-number loss and adding what is cheap and certain."""
    numbers = [got for _, got, _ in cases if isinstance(got, (int, float)) and not isinstance(got, bool)]
    if numbers:
        what, got, expected = next(case for case in cases if not isinstance(case[1], torch.Tensor))
        right = len(numbers) == len(cases) and all(abs(number - float(want)) <= 1e-5 for number, (_, _, want) in zip(numbers, cases))
        t.fail(f"{what} returned a Python {type(got).__name__} ({got:.6g}), expected a 0-dim tensor", LOSS_AS_NUMBER if right else None)
    try:
        t.close_cases(cases, atol=1e-5, twins=twins)
    except CheckFailed as failure:
        t.fail(f"{failure.message}{_loss_ratio(cases)}. The docstring: “{sentence}”", failure.diagnosis)


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
        _compare_losses(t, cases, lambda i: _full_softmax_mistakes(*inputs[i]),
                        "the mean over the batch of −log p(o | c), p(o | c) = softmax over all V words of E[c]·W")


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
        _compare_losses(t, cases, lambda i: _negative_sampling_mistakes(inputs[i][1], *inputs[i][3]),
                        "the mean over the batch of −log σ(E[c]·W[o]) − Σ_n log σ(−E[c]·W[n])")


def negative_sampling_is_stable(t, SkipGram):
    """negative_sampling_loss stays finite when scores are large (±200)"""
    tables = (torch.tensor([[10.0, 0.0], [0.0, 1.0], [0.0, 1.0]]), torch.tensor([[0.0, 0.0], [-20.0, 0.0], [20.0, 0.0]]))
    mine, want = _skipgram_pair(t, SkipGram, 3, 2, tables=tables)
    center, context, negatives = torch.tensor([0]), torch.tensor([1]), torch.tensor([[2]])  # scores −200, +200
    with torch.no_grad():
        got = t.tensor(mine.negative_sampling_loss(center, context, negatives), "negative_sampling_loss")
        t.expect(bool(torch.isfinite(got).all()), f"negative_sampling_loss is {float(got)} for scores of −200 and +200",
                 "log(torch.sigmoid(x)) is log(0) = −inf for large scores: use F.logsigmoid")
        expected = want.negative_sampling_loss(center, context, negatives)
        if got.shape == expected.shape and not torch.allclose(got, expected, atol=1e-3) and float(got) < float(expected):
            # Capped below the true 400 but right where σ is not tiny: an ε or a clamp inside the log.
            mine, want = _skipgram_pair(t, SkipGram, 3, 2, tables=_EXAMPLE_TABLES)
            example = (torch.tensor([0]), torch.tensor([1]), torch.tensor([[2]]))
            moderate = mine.negative_sampling_loss(*example)
            t.expect(not (isinstance(moderate, torch.Tensor) and torch.allclose(moderate, want.negative_sampling_loss(*example), atol=1e-5)),
                     f"negative_sampling_loss is {float(got):.6g} for scores of −200 and +200, expected {float(expected):.6g}; "
                     "the docstring's example (scores 2 and −1) is right",
                     "log σ with an ε or a clamp (log(σ(x) + 1e-10), .clamp(min=…)): exact for moderate scores, "
                     "capped for large ones: use F.logsigmoid")
        t.close(got, expected, what="negative_sampling_loss at ±200", atol=1e-3)


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


def _parsed_rows(result):
    """A list of (index, cosine) pairs as a (k, 2) float64 tensor, whatever number types it holds; None if it is not one."""
    try:
        rows = [(int(index), float(cosine)) for index, cosine in result]
    except (TypeError, ValueError, RuntimeError):
        return None
    return torch.tensor(rows, dtype=torch.float64).reshape(len(rows), 2)


def _parsed_numbers(result):
    """A sequence of plain numbers (or a 1-D tensor) as a float64 tensor; None if it is not one."""
    try:
        return torch.tensor([float(value) for value in result], dtype=torch.float64)
    except (TypeError, ValueError, RuntimeError):
        return None


def _rows(t, result, what) -> torch.Tensor:
    rows = _parsed_rows(result)
    if rows is None:
        t.fail(f"{what} should be a list of (index, cosine) pairs, got {t.type_name(result)}")
    return rows


PAIRS_AS_TENSORS = "pairs hold tensors, not Python numbers: return (int(i), float(v)) for each"


def _expect_int_float_pairs(t, result, what, k):
    """The docstring's return type: a list of k tuples (int, float)."""
    kind = t.type_name(result)
    said = f"{what} returned a {kind}: it should return a list of (int, float) tuples"
    t.expect(kind not in ("zip", "generator", "map"), said, "returns a lazy zip (or generator), not a list: wrap it in list(...)")
    t.expect(kind != "Tensor", said, "returns a (k, 2) tensor, not a list: build [(int(i), float(v)) for i, v in zip(indices, values)]")
    t.expect(kind != "tuple", said, "returns a tuple of pairs: the docstring asks for a list")
    t.expect(t.is_instance(result, "builtins.list"), said)
    t.expect(len(result) == k, f"{what} returned {len(result)} pairs, expected k = {k}")
    for position, pair in enumerate(result):
        t.expect(not (isinstance(pair, list) and len(pair) == 2),
                 f"{what}[{position}] is a list: each entry should be a tuple (index, cosine)",
                 "each pair is a list [index, cosine] (.tolist()?): make it a tuple, (int(i), float(v))")
        t.expect(isinstance(pair, tuple) and len(pair) == 2,
                 f"{what}[{position}] is a {t.type_name(pair)}: each entry should be a tuple (index, cosine)")
        index, cosine = pair
        kinds = f"({t.type_name(index)}, {t.type_name(cosine)})"
        t.expect(not isinstance(index, torch.Tensor) and not isinstance(cosine, torch.Tensor),
                 f"{what}[{position}] is {kinds}, expected (int, float)", PAIRS_AS_TENSORS)
        t.expect(not (t.is_instance(index, "numpy.generic") or t.is_instance(cosine, "numpy.generic")),
                 f"{what}[{position}] is {kinds}, expected (int, float)",
                 "pairs hold numpy numbers: convert each with int(i) and float(v)")
        t.expect(not isinstance(index, float), f"{what}[{position}] is {kinds}, expected (int, float)",
                 "the index is a float (indices.float(), or a float tensor's .tolist()): return int(i)")
        t.expect(isinstance(index, int) and not isinstance(index, bool) and isinstance(cosine, float),
                 f"{what}[{position}] is {kinds}, expected (int, float)")


def _nearest(scores, exclude, k, *, largest=True):
    """(k, 2) [index, score] of the k highest (or lowest) scores, `exclude` left out."""
    scores = scores.clone().double()
    scores[list(exclude)] = float("-inf") if largest else float("inf")
    values, indices = scores.topk(k, largest=largest)
    return torch.stack([indices.double(), values], dim=1)


def _hidden_with_zero(scores, hidden, k):
    """The k highest scores after setting the hidden rows' scores to 0 (not −inf)."""
    scores = scores.clone().double()
    scores[list(hidden)] = 0.0
    return _nearest(scores, [], k)


def _dropped_after_ranking(scores, dropped, k):
    """The k highest scores, then the dropped rows removed from them: fewer than k rows."""
    top = _nearest(scores, [], k)
    return top[~torch.isin(top[:, 0].long(), torch.tensor(list(dropped)))]


def _unit(E, dim=1):
    return E / E.norm(dim=dim, keepdim=True).clamp_min(1e-12)


def _spread_rows(V, dim, seed):
    """Random rows of very different lengths: a dot product and a cosine rank them differently."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(V, dim, generator=g) * torch.empty(V, 1).uniform_(0.1, 5.0, generator=g)


RANKED_BY_DOT = "ranked by dot product: divide every row by its norm first (cosine, not a·b)"
LEAST_SIMILAR_FIRST = "least similar first: take the k largest cosines (topk), most similar first"
NORMALISED_ALONG_COLUMNS = "normalised along the wrong axis (norm over dim=0, each column): divide each row by its own norm, dim=1"
SQUARED_NORM = "divided by the squared norm (a·a): the norm is its square root, ‖a‖ = √(a·a)"
HIDDEN_WITH_ZERO = "excluded rows given score 0, not −inf: cosines can be negative, so a 0 still outranks those rows"
RANKED_BEFORE_EXCLUDING = "fewer than k results: the excluded rows were dropped after taking the top k; hide them (−inf) first"
COLUMNS_NOT_PAIRS = "returns (indices, values), two sequences: zip them into a list of (index, cosine) pairs"


def _most_similar_mistakes(E, idx, k):
    unit = _unit(E)
    cosines = unit @ unit[idx]
    others = torch.cat([cosines[:idx], cosines[idx + 1:]])  # row idx cut out: positions past idx shift down by one
    values, positions = others.topk(k)
    squared = E / (E * E).sum(1, keepdim=True).clamp_min(1e-12)
    by_columns = _unit(E, dim=0)
    return {
        RANKED_BY_DOT: _nearest(E @ E[idx], [idx], k),
        "row idx itself is in the results (cosine 1 with itself): leave it out": _nearest(cosines, [], k),
        LEAST_SIMILAR_FIRST: _nearest(cosines, [idx], k, largest=False),
        "only the query row normalised: divide every row of E by its norm, not just E[idx]": _nearest(E @ unit[idx], [idx], k),
        "the query row not normalised: the scores are the unit rows · E[idx], ‖E[idx]‖ times the cosines; "
        "divide E[idx] by its norm too": _nearest(unit @ E[idx], [idx], k),
        NORMALISED_ALONG_COLUMNS: _nearest(by_columns @ by_columns[idx], [idx], k),
        SQUARED_NORM: _nearest(squared @ squared[idx], [idx], k),
        "ranked by Euclidean distance, nearest first: rank by cosine, the angle between the rows, not their distance":
            _nearest((E - E[idx]).norm(dim=1), [idx], k, largest=False),
        HIDDEN_WITH_ZERO: _hidden_with_zero(cosines, [idx], k),
        RANKED_BEFORE_EXCLUDING: _dropped_after_ranking(cosines, [idx], k),
        "k + 1 results: topk(k + 1) makes room for row idx, which then has to be dropped; hide it with −inf and take topk(k)":
            _nearest(cosines, [], k + 1),
        "indices past idx are one too low: with row idx cut out of the scores, positions from idx on are index − 1; "
        "hide it with −inf instead, so that positions stay row indices": torch.stack([positions.double(), values.double()], dim=1),
    }


def _most_similar_cases():
    return [
        ("the docstring's example E 4×2", torch.tensor([[1.0, 0.0], [2.0, 0.1], [0.0, 1.0], [-1.0, 0.0]]), 0, 2),
        ("E 12×5", _spread_rows(12, 5, 0), 3, 4),
        ("E 30×8, k = V - 1", _spread_rows(30, 8, 1), 0, 29),
        ("E 9×3", _spread_rows(9, 3, 2), 8, 1),
    ]


def _ranking_difference(got: torch.Tensor, expected: torch.Tensor, excluded) -> str:
    """What differs between two rankings, in words: the cheap and certain facts only."""
    if got.shape != expected.shape:
        return f"; {len(got)} pairs, expected k = {len(expected)}"
    got_rows, want_rows = [int(i) for i in got[:, 0]], [int(i) for i in expected[:, 0]]
    scores = got[:, 1]
    notes = []
    left_in = sorted(set(got_rows) & set(excluded))
    if left_in:
        rows = f"rows {', '.join(map(str, left_in))} should be left out but are" if len(left_in) > 1 else f"row {left_in[0]} should be left out but is"
        notes.append(f"{rows} among the results")
    if got_rows == want_rows:
        notes.append("the same rows in the same order, with other scores")
        ratios = scores / expected[:, 1]
        if bool(torch.isfinite(ratios).all()) and float(ratios.max() - ratios.min()) <= 1e-4 * max(1.0, float(ratios.abs().max())):
            notes[-1] += f" (every score is {float(ratios[0]):.4g} × the cosine)"
    elif sorted(got_rows) == sorted(want_rows):
        notes.append("the same rows in another order")
    if bool((scores[1:] > scores[:-1] + 1e-6).any()):
        notes.append("the scores are not in descending order (most similar first)")
    if bool((scores.abs() > 1 + 1e-5).any()):
        notes.append(f"scores up to {float(scores.abs().max()):.3g}: a cosine lies in [−1, 1]")
    return f"; {'; '.join(notes)}" if notes else ""


def _compare_rankings(t, fn, cases, *, excluded_of, twins, sentence):
    """Call fn on every case (args, k, description, expected rows) and compare with the reference's
    rankings: (indices, values) is named when zipped it is right, and a miss says what differs."""
    outcomes = [fn(*args, k) for args, k, _, _ in cases]
    expected = [case[3] for case in cases]
    parsed = [_parsed_rows(outcome) for outcome in outcomes]
    if any(rows is None for rows in parsed):
        numbers = [_parsed_numbers(outcome) for outcome in outcomes]
        if all(values is not None for values in numbers):
            said = f"{cases[0][2]} returned {len(numbers[0])} plain numbers: it should return a list of (index, cosine) pairs"
            t.expect(not all(values.shape == want[:, 0].shape and torch.equal(values, want[:, 0]) for values, want in zip(numbers, expected)),
                     said, "returns only the indices: each entry is a pair (index, cosine), the row and its score")
            t.expect(not all(values.shape == want[:, 1].shape and bool(torch.allclose(values, want[:, 1], atol=1e-5))
                             for values, want in zip(numbers, expected)),
                     said, "returns only the cosines: each entry is a pair (index, cosine), the row and its score")
        zipped = [_parsed_rows(zip(*outcome)) if isinstance(outcome, (tuple, list)) and len(outcome) == 2 else None
                  for outcome in outcomes]
        where = next(i for i, rows in enumerate(parsed) if rows is None)
        message = f"{cases[where][2]} should be a list of (index, cosine) pairs, got {t.type_name(outcomes[where])}"
        t.expect(not all(rows is not None and rows.shape == want.shape and bool(torch.allclose(rows, want, atol=1e-5))
                         for rows, want in zip(zipped, expected)), message, COLUMNS_NOT_PAIRS)
        t.fail(message)
    compared = [(f"{what} as (index, cosine) rows", rows, want) for (_, _, what, _), rows, want in zip(cases, parsed, expected)]
    try:
        t.close_cases(compared, atol=1e-5, twins=twins)
    except CheckFailed as failure:
        index, (_, got, want) = next((i, case) for i, case in enumerate(compared)
                                     if not (case[1].shape == case[2].shape and torch.allclose(case[1], case[2], atol=1e-5)))
        t.fail(f"{failure.message}{_ranking_difference(got, want, excluded_of(cases[index]))}. The docstring: “{sentence}”",
               failure.diagnosis)


def most_similar_matches_reference(t, most_similar):
    """returns the k nearest rows by cosine as (index, cosine), most similar first, without idx"""
    cases = [((E.clone(), idx), k, f"most_similar({description}, idx={idx}, k={k})",
              _rows(t, reference.most_similar(E, idx, k), "reference"))
             for description, E, idx, k in _most_similar_cases()]
    _compare_rankings(
        t, most_similar, cases, excluded_of=lambda case: [case[0][1]],
        twins=lambda i: _most_similar_mistakes(*_most_similar_cases()[i][1:]),
        sentence="The k rows of E nearest to row `idx` by cosine similarity, most similar first. Row `idx` itself is left out.")


def most_similar_returns_pairs(t, most_similar):
    """returns a list of k (int, float) tuples"""
    _expect_int_float_pairs(t, most_similar(_spread_rows(12, 5, 0), 3, 4), "most_similar(E 12×5, idx=3, k=4)", 4)


def most_similar_zero_row(t, most_similar):
    """a row of zeros gets cosine 0, not nan, and E is left unchanged"""
    E = _spread_rows(6, 4, 3)
    E[2] = 0.0
    what = "most_similar(E 6×4 whose row 2 is all zeros, idx=0, k=5)"
    got = _rows(t, most_similar(E, 0, 5), what)
    if bool(torch.isnan(got).any()):
        # Named only if the zero row is the cause: the same call without it gives no nan.
        without = _rows(t, most_similar(_spread_rows(6, 4, 3), 0, 5), "most_similar(E 6×4, idx=0, k=5)")
        t.fail(f"{what} gives nan: a row of zeros has no direction and should score 0",
               None if bool(torch.isnan(without).any()) else "a zero row divides by zero: clamp the norms (.clamp_min(1e-12)) before dividing")
    t.close(got, _rows(t, reference.most_similar(E, 0, 5), "reference"), what=f"{what} as (index, cosine) rows", atol=1e-5)


def _analogy_twin(E, a, b, c, k, *, normalise_rows=True, target=None, exclude=None, dot=False, unit_target=True,
                  norm_dim=1, hide_with_zero=False, drop_after_ranking=False):
    """The reference with one knob turned: `target(rows)` replaces rows[b] − rows[a] + rows[c], `exclude` [a, b, c]."""
    unit = _unit(E, norm_dim)
    rows = unit if normalise_rows else E
    goal = target(rows) if target is not None else rows[b] - rows[a] + rows[c]
    if unit_target:
        goal = goal / goal.norm().clamp_min(1e-12)
    scores = (E if dot else unit) @ goal
    left_out = [a, b, c] if exclude is None else exclude
    if hide_with_zero:
        return _hidden_with_zero(scores, left_out, k)
    if drop_after_ranking:
        return _dropped_after_ranking(scores, left_out, k)
    return _nearest(scores, left_out, k)


def _analogy_mistakes(E, a, b, c, k):
    return {
        "a query word returned: leave a, b and c out of the results": _analogy_twin(E, a, b, c, k, exclude=[]),
        "row a (the word subtracted) not left out: leave all three of a, b and c out": _analogy_twin(E, a, b, c, k, exclude=[b, c]),
        "row b not left out: leave all three of a, b and c out": _analogy_twin(E, a, b, c, k, exclude=[a, c]),
        "row c not left out: leave all three of a, b and c out": _analogy_twin(E, a, b, c, k, exclude=[a, b]),
        "target is a − b + c: it should be b − a + c (king − man + woman)":
            _analogy_twin(E, a, b, c, k, target=lambda rows: rows[a] - rows[b] + rows[c]),
        "target is b − c + a, a and c swapped: it should be b − a + c (king − man + woman)":
            _analogy_twin(E, a, b, c, k, target=lambda rows: rows[b] - rows[c] + rows[a]),
        RANKED_BY_DOT: _analogy_twin(E, a, b, c, k, dot=True),
        "target built from raw rows: normalise the rows before b − a + c, so no long vector dominates":
            _analogy_twin(E, a, b, c, k, normalise_rows=False),
        "scores are not cosines: divide by the target's norm too": _analogy_twin(E, a, b, c, k, unit_target=False),
        NORMALISED_ALONG_COLUMNS: _analogy_twin(E, a, b, c, k, norm_dim=0),
        HIDDEN_WITH_ZERO: _analogy_twin(E, a, b, c, k, hide_with_zero=True),
        RANKED_BEFORE_EXCLUDING: _analogy_twin(E, a, b, c, k, drop_after_ranking=True),
    }


def _analogy_cases():
    return [
        ("E 12×5", _spread_rows(12, 5, 4), (0, 1, 2), 4),
        ("E 25×6, k = V - 3", _spread_rows(25, 6, 5), (7, 3, 11), 22),
        ("E 8×3", _spread_rows(8, 3, 6), (5, 2, 6), 1),
        ("E 10×4 whose rows a, b and c point almost the same way", _close_triple(10, 4, 7), (0, 1, 2), 3),
    ]


def _close_triple(V, dim, seed):
    """Rows 0, 1 and 2 a little apart around one direction: then a itself is near b − a + c, and
    leaving out only b and c shows (a is far from the target on random rows)."""
    E = _spread_rows(V, dim, seed)
    g = torch.Generator().manual_seed(seed)
    E[:3] = E[0] + 0.3 * torch.randn(3, dim, generator=g)
    return E


def analogy_matches_reference(t, analogy):
    """ranks rows by cosine to b − a + c of the unit rows, leaving a, b and c out"""
    cases = [((E.clone(), a, b, c), k, f"analogy({description}, a={a}, b={b}, c={c}, k={k})",
              _rows(t, reference.analogy(E, a, b, c, k), "reference"))
             for description, E, (a, b, c), k in _analogy_cases()]
    _compare_rankings(
        t, analogy, cases, excluded_of=lambda case: list(case[0][1:]),
        twins=lambda i: _analogy_mistakes(_analogy_cases()[i][1], *_analogy_cases()[i][2], _analogy_cases()[i][3]),
        sentence="Normalise the rows first, build the target from the unit rows, rank every row by cosine to the target, "
                 "and leave out a, b and c")


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


def _pca_twin(E, *, centre="columns", components=slice(0, 2), from_columns=False, scale=True, standardise=False,
              project_E=False, svd_of_E=False, times_s=False):
    """The reference with one knob turned."""
    means = {"columns": E.mean(dim=0), "rows": E.mean(dim=1, keepdim=True), "all": E.mean(), None: 0.0}
    X = E - means[centre]
    if standardise:
        X = X / X.std(dim=0)
    U, S, Vh = torch.linalg.svd(E if svd_of_E else X, full_matrices=False)
    if not scale:
        return U[:, components]
    coords = (E if project_E else X) @ (Vh[:, components] if from_columns else Vh[components].T)
    return coords * S[components] if times_s else coords


def _pca_mistakes(E):
    twins = {
        "rows not centred: subtract the mean row E.mean(dim=0) before the SVD": _pca_twin(E, centre=None),
        "centred along the wrong axis: subtract each column's mean over the rows (E.mean(dim=0)), not each row's mean":
            _pca_twin(E, centre="rows"),
        "centred with the mean of all entries (E.mean()): subtract each column's own mean, E.mean(dim=0)":
            _pca_twin(E, centre="all"),
        "the uncentred E projected (E @ Vh[:2].T): project the centred X, as the SVD was of X":
            _pca_twin(E, project_E=True),
        "the SVD taken of E instead of the centred X: the directions come from X = E − E.mean(dim=0)":
            _pca_twin(E, svd_of_E=True),
        "coordinates are U[:, :2] without the singular values: use U[:, :2] * S[:2] (or X @ Vh[:2].T)": _pca_twin(E, scale=False),
        "the singular values applied twice: X @ Vh[:2].T already equals U[:, :2] * S[:2]": _pca_twin(E, times_s=True),
        "the two smallest components: the first rows of Vh have the largest singular values":
            _pca_twin(E, components=slice(-2, None)),
        "the two smallest components (torch.linalg.eigh lists eigenvalues in ascending order): "
        "take its last two eigenvectors, largest first": _pca_twin(E, components=[-1, -2]),
        "the two axes in the wrong order (torch.linalg.eigh lists eigenvalues ascending): column 0 is the direction of "
        "largest variance, then column 1": _pca_twin(E, components=[1, 0]),
        "every component kept: return only the first two columns, (V, 2)": _pca_twin(E, components=slice(None)),
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


def _pca_difference(got: torch.Tensor, expected: torch.Tensor, atol: float) -> str:
    """What differs between two (V, 2) maps (signs matched), in words, and the docstring step it breaks."""
    if got.shape != expected.shape or got.dim() != 2 or got.size(1) != 2:
        return ""
    got, expected = got.double(), expected.double()
    right = [bool(torch.allclose(got[:, j], expected[:, j], atol=atol)) for j in range(2)]
    offset = got - expected
    swapped = _signs_matched(got[:, [1, 0]], expected)
    if bool(torch.allclose(swapped, expected, atol=atol)):
        return ("; the two columns are swapped. The docstring: “the rows of Vh are the principal directions, "
                "largest singular value first”")
    if len(got) > 2 and bool((offset.std(0) <= atol).all()):
        shift = ", ".join(f"{float(v):.3g}" for v in offset.mean(0))
        return f"; every row is off by the same ({shift}). The docstring: “1. Centre: X = E − E.mean(dim=0)”"
    notes = []
    for j in range(2):
        if right[j]:
            notes.append(f"column {j} is right")
            continue
        ratio = got[:, j] / expected[:, j]
        ratio = ratio[expected[:, j].abs() > 1e-3]
        if len(ratio) and float(ratio.max() - ratio.min()) <= 1e-3 * float(ratio.abs().max()):
            notes.append(f"column {j} is {float(ratio[0]):.4g} × the expected")
    if not notes:
        return ". The docstring: “Each row of E projected onto the two directions along which the rows vary most”"
    return f"; {', '.join(notes)}. The docstring: “3. Project: X @ Vh[:2].T, which equals U[:, :2] * S[:2]”"


TRANSPOSED_MAP = "the map is transposed, (2, V): one row per row of E, (V, 2), X @ Vh[:2].T"


def _compare_pca(t, pca_2d, cases):
    compared, outcomes = [], []
    for description, E in cases:
        got = t.tensor(pca_2d(E.clone()), f"pca_2d [{description}]")
        expected = reference.pca_2d(E)
        outcomes.append(got)
        compared.append((f"pca_2d, each axis's sign matched to the reference's [{description}]", _signs_matched(got, expected), expected))
    atol = 1e-3
    try:
        t.close_cases(compared, atol=atol, twins=lambda i: {name: _signs_matched(twin, compared[i][1])
                                                            for name, twin in _pca_mistakes(cases[i][1]).items()})
    except CheckFailed as failure:
        if failure.diagnosis is None and all(got.dim() == 2 and got.shape == expected.T.shape and got.shape != expected.shape
                                             and torch.allclose(_signs_matched(got.T, expected), expected, atol=atol)
                                             for got, (_, _, expected) in zip(outcomes, compared)):
            t.fail(failure.message, TRANSPOSED_MAP)
        _, got, expected = next(case for case in compared
                                if not (case[1].shape == case[2].shape and torch.allclose(case[1], case[2], atol=atol)))
        t.fail(f"{failure.message}{_pca_difference(got, expected, atol)}", failure.diagnosis)


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
