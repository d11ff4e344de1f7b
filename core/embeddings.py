"""Embeddings: skip-gram pairs and model, cosine neighbours, analogies, a 2-D PCA map."""

import torch
import torch.nn as nn
import torch.nn.functional as F


def skipgram_pairs(ids, window):
    """Every (center, context) pair of `ids` whose distance is 1 to `window`, on either side.

    ids: a 1-D LongTensor (or list) of token ids; window >= 1.
    Returns a LongTensor (N, 2): column 0 the center id, column 1 the context id. The order of
    the rows does not matter. Pairs stop at both ends of the sequence (nothing wraps around),
    and a token is never its own context: distance 0 is not a pair.

    Example, ids = [5, 7, 9], window = 1:
        [[5, 7], [7, 9],   # context on the right (distance +1)
         [7, 5], [9, 7]]   # context on the left  (distance -1)
    With window = 2 the pairs (5, 9) and (9, 5) join them. A sequence of n tokens gives
    2·(window·n − window·(window + 1)/2) pairs when n > window.

    No Python loop over positions: for each distance d, ids[:-d] and ids[d:] line up every
    center with its context d to the right (and, swapped, d to the left).
    Leaves out: Word2Vec's random window shrinking and subsampling of frequent words.
    """
    raise NotImplementedError


class SkipGram(nn.Module):
    """Word2Vec's skip-gram: a center word's vector scores every candidate context word.

    Two tables, named so the grader can load the reference's weights into yours:
        self.center_emb  = nn.Embedding(vocab_size, dim)  # E: the vectors we keep
        self.context_emb = nn.Embedding(vocab_size, dim)  # W: context words are scored with these
    Initialise as Word2Vec does: E uniform in [-0.5/dim, 0.5/dim], W zeros.
    The score of a (center c, context o) pair is the dot product s = E[c]·W[o].

    full_softmax_loss(center, context): center, context LongTensors (B,) ->
        the mean over the batch of −log p(o | c), p(o | c) = softmax over all V words of E[c]·W.
    negative_sampling_loss(center, context, negatives): negatives LongTensor (B, k) ->
        the mean over the batch of −log σ(E[c]·W[o]) − Σ_n log σ(−E[c]·W[n]).
        Use F.logsigmoid: log(torch.sigmoid(x)) is log(0) = −inf once x < −104.
    embeddings: a property, the center table E (V, dim) (the tensor itself: weight, not a copy).

    Example: with E[c] = [1, 0], W[o] = [2, 0] and one negative W[n] = [-1, 0]:
        s = 2, s_n = -1, loss = −log σ(2) − log σ(1) = 0.127 + 0.313 = 0.440
    Leaves out: drawing the negatives (the training loop samples them, Word2Vec in
    proportion to count^0.75) and hierarchical softmax.
    """

    def __init__(self, vocab_size, dim):
        raise NotImplementedError

    def full_softmax_loss(self, center, context):
        raise NotImplementedError

    def negative_sampling_loss(self, center, context, negatives):
        raise NotImplementedError

    @property
    def embeddings(self):
        raise NotImplementedError


def most_similar(E, idx, k):
    """The k rows of E nearest to row `idx` by cosine similarity, most similar first.

    E: Tensor (V, dim); idx: a row index; k <= V - 1.
    Returns a list of k (index, cosine) pairs as (int, float). Row `idx` itself is left out.
    cos(a, b) = a·b / (‖a‖·‖b‖): divide every row by its norm, then one matrix-vector
    product scores all V rows. A row of zeros has no direction: it scores 0 (clamp the
    norm at 1e-12 rather than divide by zero).

    Example: E = [[1, 0], [2, 0.1], [0, 1], [-1, 0]], idx = 0, k = 2
        -> [(1, 0.9988), (2, 0.0)]   # row 1 points almost the same way; row 3 (cos −1) is last
    A plain dot product would rank row 1 first too, but only because it is long.
    """
    raise NotImplementedError


def analogy(E, a, b, c, k):
    """"a is to b as c is to ?": the k rows nearest (by cosine) to b − a + c, most similar first.

    E: Tensor (V, dim); a, b, c: row indices; k <= V - 3.
    Normalise the rows first, build the target from the unit rows (so no long vector
    dominates), rank every row by cosine to the target, and leave out a, b and c: the
    nearest row to b − a + c is almost always b or c itself.
    Returns a list of k (index, cosine) pairs as (int, float).

    Example: E = [[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1], [0, 1, 0]] (man, king, woman,
    queen, crown): analogy(E, 0, 1, 2, 1) -> [(3, 0.959)]: king − man + woman is nearest to queen.
    Leaves out: 3CosMul and other ways to combine the three similarities.
    """
    raise NotImplementedError


def pca_2d(E):
    """Each row of E projected onto the two directions along which the rows vary most.

    E: Tensor (V, dim) with V >= 2 and dim >= 2. Returns Tensor (V, 2).
    1. Centre: X = E − E.mean(dim=0) (each column's mean, over the rows).
    2. SVD: X = U·diag(S)·Vh (torch.linalg.svd(X, full_matrices=False)); the rows of Vh are
       the principal directions, largest singular value first.
    3. Project: X @ Vh[:2].T, which equals U[:, :2] * S[:2].
    The sign of each axis is arbitrary (the checks accept either).

    Example: E = [[0, 0], [2, 0], [4, 1], [6, 1]]: the rows spread mostly along x, so
    column 0 of the result is ±[-3.04, -1.08, 1.08, 3.04] (close to the centred x) and
    column 1 is small (±[0.10, -0.29, 0.29, -0.10]).
    Leaves out: torch.pca_lowrank (write it yourself) and scaling columns to unit variance.
    """
    raise NotImplementedError
