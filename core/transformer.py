"""The transformer: feed-forward network, positions, the pre-LayerNorm block, the GPT."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from core.attention import MultiHeadAttention


class FeedForward(nn.Module):
    """The position-wise MLP of a block: Linear -> GELU -> Linear -> Dropout.

    Parameters, named so the grader can load the reference's weights into yours:
        self.fc      = nn.Linear(d_model, d_ff)   # widen, usually d_ff = 4 * d_model
        self.proj    = nn.Linear(d_ff, d_model)   # back to the width of the residual stream
        self.dropout = nn.Dropout(dropout)        # on the output
    The activation is the exact GELU, nn.GELU() or F.gelu (not the tanh approximation).

    forward(x): x (..., d_model) -> (..., d_model). Every position is transformed on its
    own: no information moves between positions here (that is attention's job).

    Example: FeedForward(d_model=8, d_ff=32)(torch.randn(2, 5, 8)).shape -> torch.Size([2, 5, 8]),
    with 8*32 + 32 + 32*8 + 8 = 552 parameters.

    Leaves out: gated variants (SwiGLU) and the residual connection (Block adds it).
    """

    def __init__(self, d_model, d_ff, dropout=0.0):
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError


def sinusoidal_positions(T, d):
    """The fixed positional encodings of the original Transformer, a float tensor (T, d).

    Row p encodes position p (counting from 0). Column pair (2i, 2i+1) is one frequency:
        PE[p, 2i]   = sin(p / 10000^(2i/d))
        PE[p, 2i+1] = cos(p / 10000^(2i/d))
    so the wavelengths grow geometrically from 2π (i = 0) towards 10000·2π.
    For an odd d the last column is a sine with no cosine partner.

    Example, T = 3, d = 4 (frequencies 1 and 1/100):
        [[0.0000, 1.0000, 0.0000, 1.0000],     # p = 0: sin 0, cos 0, sin 0, cos 0
         [0.8415, 0.5403, 0.0100, 0.9999],     # p = 1: sin 1, cos 1, sin 0.01, cos 0.01
         [0.9093, -0.4161, 0.0200, 0.9998]]    # p = 2

    Leaves out: the scaling some models apply before adding these to the embeddings. The
    course's GPT learns its positions instead; this is for comparison and ablations.
    """
    raise NotImplementedError


class Block(nn.Module):
    """One transformer block, pre-LayerNorm: each sublayer reads a normalised copy of the
    residual stream and adds its result back.

        x = x + attn(ln1(x))   # positions exchange information
        x = x + ffn(ln2(x))    # each position computes on what arrived

    Parameters, named so the grader can load the reference's weights into yours:
        self.ln1  = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, dropout, causal=True)  # yours, from 12.1
        self.ln2  = nn.LayerNorm(d_model)
        self.ffn  = FeedForward(d_model, d_ff, dropout)  # d_ff = 4 * d_model when None

    forward(x): x (B, T, d_model) -> (B, T, d_model), causal: position t only sees <= t.

    Example: Block(d_model=16, n_heads=2)(torch.randn(2, 5, 16)).shape -> torch.Size([2, 5, 16]),
    with 12*16² + 13*16 = 3,280 parameters (attention 4d² + 4d, MLP 8d² + 5d, two LayerNorms 4d).

    Leaves out: dropout on the residual branches (12.1's attention drops attention weights,
    FeedForward drops its output) and post-LN, LN(x + sublayer(x)), of the original paper.
    """

    def __init__(self, d_model, n_heads, d_ff=None, dropout=0.0):
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError


class GPT(nn.Module):
    """A decoder-only transformer language model: token ids in, next-token logits out.

        idx (B, T) -> tok_emb + pos_emb -> dropout -> n_layer Blocks -> ln_f -> lm_head -> (B, T, V)

    Parameters, named so the grader can load the reference's weights into yours:
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)   # learned positions 0..block_size-1
        self.dropout = nn.Dropout(dropout)                 # on the summed embeddings
        self.blocks  = nn.ModuleList([Block(d_model, n_head, dropout=dropout) for _ in range(n_layer)])
        self.ln_f    = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.lm_head.weight = self.tok_emb.weight          # tied: one Parameter, shape (V, d_model)
    Initialisation: every Linear and Embedding weight normal(0, 0.02), every Linear bias 0
    (LayerNorms keep weight 1, bias 0), so the first prediction is close to uniform and the
    loss at init is close to ln(vocab_size).

    forward(idx, targets=None) -> (logits, loss):
        idx, targets: LongTensor (B, T) with T <= block_size (longer raises a ValueError)
        logits: (B, T, vocab_size); logits[:, t] predicts the token after idx[:, t]
        loss: mean cross-entropy of logits against targets, or None without targets.
        targets are already shifted (targets[:, t] is the token after idx[:, t]).
        It runs on the device of idx and the weights (a GPU): the positions it makes are made
        there (torch.arange(T, device=idx.device)).
    num_params() -> int: the number of parameters, the tied matrix counted once.

    Example: GPT(vocab_size=65, block_size=64, n_layer=4, n_head=4, d_model=128)
        .num_params() -> 809,856; forward(torch.zeros(2, 10, dtype=torch.long)) gives logits
        of shape (2, 10, 65) and loss None.

    Leaves out: generation (lesson 14 writes generate) and weight decay groups.
    """

    def __init__(self, vocab_size, block_size, n_layer, n_head, d_model, dropout=0.0):
        raise NotImplementedError

    def forward(self, idx, targets=None):
        raise NotImplementedError

    def num_params(self):
        raise NotImplementedError
