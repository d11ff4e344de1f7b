"""Pretraining: the next-token loss, the learning-rate schedule, one training step, sampling, checkpoints."""

import math

import torch
import torch.nn.functional as F


def cross_entropy(logits, targets):
    """The mean next-token loss: -log softmax(logits)[target], averaged over the rows.

        logits  (N, V) float: one row of scores per position (the GPT's (B, T, V) viewed as (B·T, V))
        targets (N,) long:    the true next token of each row, 0 <= targets[i] < V
        returns a 0-dim tensor, differentiable with respect to logits

    Per row, with z = logits[i] and y = targets[i]:
        loss_i = logsumexp(z) - z[y]
        logsumexp(z) = m + log Σ_j exp(z_j - m),   m = max_j z_j
    Subtracting the row's maximum m keeps every exponent <= 0, so exp cannot overflow
    (float32's exp overflows past 88.7): logits of 1e4 give a finite, exact loss.
    Half-precision logits (bf16 under autocast) are computed in float32.

    Example: cross_entropy(torch.tensor([[2.0, 0.0, 0.0]]), torch.tensor([0]))
        -> log(e² + 1 + 1) - 2 = 0.2395; with all-equal logits the loss is log V
        (log 65 = 4.174), which is why a fresh model starts near ln(vocab_size).

    Leaves out: ignore_index, label smoothing and class weights (F.cross_entropy has
    them; it and F.log_softmax and torch.logsumexp are not allowed here).
    """
    raise NotImplementedError


def lr_at(step, warmup, max_steps, max_lr, min_lr):
    """The learning rate for optimiser step `step` (counting from 0): linear warm-up, then cosine decay.

        step < warmup:               lr = max_lr · (step + 1) / warmup
        warmup <= step < max_steps:  r  = (step - warmup) / (max_steps - warmup)      # 0 -> 1
                                     lr = min_lr + ½·(1 + cos(π·r))·(max_lr - min_lr)
        step >= max_steps:           lr = min_lr
    The first step already moves (max_lr / warmup, not 0); step warmup - 1 reaches max_lr,
    and the cosine starts from max_lr at step = warmup and lands on min_lr at max_steps.
    warmup = 0 means no warm-up; with max_steps <= warmup the decay is skipped.

    Example, warmup=10, max_steps=100, max_lr=1e-3, min_lr=1e-4:
        step 0 -> 1e-4, step 4 -> 5e-4, step 9 -> 1e-3, step 10 -> 1e-3,
        step 55 -> 5.5e-4 (halfway down: r = 0.5), step 100 -> 1e-4, step 500 -> 1e-4.

    Returns a Python float. Leaves out: setting it on the optimiser, which the training
    loop does before each step (for group in optimizer.param_groups: group["lr"] = lr).
    """
    raise NotImplementedError


def train_step(model, optimizer, x, y, grad_clip):
    """One optimisation step on the batch (x, y); returns (loss, grad_norm) as Python floats.

        x, y: LongTensor (B, T), y[:, t] the token after x[:, t] (get_batch's output)
        model(x) -> (logits (B, T, V), _): the GPT of lesson 12, called without targets
        grad_clip: the largest allowed global gradient norm; None or 0 means no clipping

    In order:
        1. optimizer.zero_grad(set_to_none=True)      # else gradients add up across steps
        2. logits, _ = model(x); loss = cross_entropy(logits viewed (B·T, V), y viewed (B·T,))
        3. loss.backward()
        4. grad_norm = the L2 norm of all gradients together, measured BEFORE clipping;
           clip them to grad_clip (torch.nn.utils.clip_grad_norm_ does both and returns the norm)
        5. optimizer.step()
    The loss is this file's cross_entropy, not the model's own. Dtypes are left alone:
    the training worker wraps the call in torch.autocast on a GPU. The model's mode
    (train or eval) and the learning rate are the caller's to set.

    Example: on a fresh GPT with vocab_size 65 the first call returns a loss close to
    ln 65 = 4.17, and a grad_norm that is the same whatever grad_clip is.

    Leaves out: gradient accumulation over micro-batches and loss scaling for float16.
    """
    raise NotImplementedError


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None, top_p=None):
    """Extend each row of idx (B, T) by max_new_tokens sampled tokens; returns (B, T + max_new_tokens).

    Each new token, in order:
        1. context = the last model.block_size tokens of idx (the model cannot see more)
        2. logits = model(context)[0][:, -1, :]               # (B, V), the last position only
        3. temperature == 0: take logits.argmax(-1) (greedy) and skip to 6
        4. logits = logits / temperature                      # < 1 sharpens, > 1 flattens
           top_k:  keep exactly the k largest logits (k capped at V), set the rest to -inf
           top_p:  sort descending; drop every token whose higher-ranked tokens already
                   hold >= top_p of the probability (the top token always stays), set to -inf
        5. next = torch.multinomial(F.softmax(logits, -1), num_samples=1, generator=generator)
        6. idx = torch.cat([idx, next], dim=1)
    The model runs in eval mode (no dropout) under torch.no_grad(); its training mode is
    restored on return, and also when the model raises (try/finally). The same seeded
    generator (on idx's device) gives the same tokens.
    top_k None and top_p None (or 1.0) filter nothing.

    Example: with a model that always puts 0.6 on token 3, 0.3 on token 5 and 0.1 spread
    over the rest, top_k=1 or temperature=0 always appends 3; top_k=2 or top_p=0.8
    appends 3 or 5 (probability 2/3 and 1/3); top_p=0.5 keeps token 3 alone.

    Leaves out: a key-value cache (each step runs the whole context again), stop tokens
    and repetition penalties.
    """
    raise NotImplementedError


def save_checkpoint(path, model, optimizer, step, config, extra=None):
    """Write everything needed to resume training to `path`, with torch.save, as one dict:

        {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
         "step": step, "config": config, "extra": extra or {}}

    The optimizer's state (AdamW's two moment estimates per parameter) is as much a part
    of the run as the weights: without it a resumed run restarts Adam from zero and its
    loss jumps. step is the number of steps taken, config a plain dict (numbers, strings)
    that can rebuild the model, extra anything else made of tensors and plain values
    (the training worker keeps the RNG states there, for an exact resume).

    Example: save_checkpoint("ckpt.pt", model, optimizer, 2000, {"n_layer": 4, ...}) and
    torch.load("ckpt.pt", weights_only=True)["step"] -> 2000.

    Leaves out: writing atomically (the worker writes a temporary file and os.replace-s
    it) and moving tensors between devices.
    """
    raise NotImplementedError


def load_checkpoint(path, model, optimizer=None):
    """Restore a save_checkpoint file into model (and optimizer, when given) in place.

    Returns {"step": ..., "config": ..., "extra": ...}.
        torch.load(path, map_location="cpu", weights_only=True)
    weights_only=True refuses anything but tensors and plain containers: unpickling a file
    from elsewhere can otherwise run arbitrary code. map_location="cpu" opens a GPU run's
    file on any machine; load_state_dict copies the values to wherever the model's
    parameters are. model.load_state_dict is strict: a missing or unexpected key is an
    error, not a silently untrained layer. Without an optimizer (sampling, fine-tuning)
    only the weights are restored.

    Example: load_checkpoint("ckpt.pt", GPT(**config)) -> {"step": 2000, "config": {...}, "extra": {}}

    Leaves out: rebuilding the model from config (the caller does, before loading).
    """
    raise NotImplementedError
