"""Experiments of lesson 12: take the GPT apart (ablations), then vary its size (sweeps, scaling).

Every run trains a small character-level GPT on the Shakespeare corpus with one recipe:
the same seed, the same batches in the same order, the same steps and learning rate. Only
the model changes, so the differences in the table are the model's. Losses are in nats
per character; ln 78 ≈ 4.36 is a uniform guess.
"""

import math
import time
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn as nn

BLOCK_SIZE = 64  # characters of context
BATCH_SIZE = 16  # sequences per step: 1,024 characters
STEPS = 500  # optimiser steps per run: 512,000 characters, an eighth of the training plays
LEARNING_RATE = 3e-3  # AdamW, constant after the warm-up (1e-3 and 6e-3 both ended higher)
WARMUP = 50  # steps of linear warm-up from 0
EVALS = 4  # evaluations per run, evenly spaced, the last one at the end
EVAL_BATCHES = 16  # fixed batches of train and of val text per evaluation: 16,384 characters each
SMOOTH = 20  # the loss curves average the training loss over this many steps
STALLED = 0.05  # a run whose smoothed training loss falls less than this over its second half has stalled
EVAL_SEED = 10_000  # the evaluation batches are drawn from the experiment's seed + this, apart from any training


# --- the model, with switches -------------------------------------------------------------------

class AblatedBlock(nn.Module):
    """The pre-LayerNorm block with two switches (both on: the lesson's Block).

        residual=True:   x = x + attn(ln1(x));  x = x + ffn(ln2(x))
        residual=False:  x = attn(ln1(x));      x = ffn(ln2(x))
        layernorm=False: ln1 and ln2 become the identity (no parameters)
    """

    def __init__(self, attention, feed_forward, d_model, n_heads, residual=True, layernorm=True):
        super().__init__()
        self.residual = residual
        self.ln1 = nn.LayerNorm(d_model) if layernorm else nn.Identity()
        self.attn = attention(d_model, n_heads, dropout=0.0, causal=True)
        self.ln2 = nn.LayerNorm(d_model) if layernorm else nn.Identity()
        self.ffn = feed_forward(d_model, 4 * d_model)

    def forward(self, x):
        if self.residual:
            x = x + self.attn(self.ln1(x))  # (B, T, d_model)
            return x + self.ffn(self.ln2(x))
        return self.ffn(self.ln2(self.attn(self.ln1(x))))  # every layer must pass the signal on


class AblatedGPT(nn.Module):
    """The lesson's GPT with three switches: learned positions, residual connections, LayerNorms.

    With every switch on it is reference.GPT module for module, and from the same seed
    weight for weight. positions=False drops pos_emb: order is left to the causal mask.
    Built from `attention` and `feed_forward`, the learner's classes once they pass.
    """

    def __init__(self, attention, feed_forward, vocab_size, block_size, n_layer, n_head, d_model,
                 positions=True, residual=True, layernorm=True):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model) if positions else None
        self.blocks = nn.ModuleList([AblatedBlock(attention, feed_forward, d_model, n_head, residual, layernorm)
                                     for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(d_model) if layernorm else nn.Identity()
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.lm_head.weight = self.tok_emb.weight  # tied, as in GPT
        for module in self.modules():  # GPT's initialisation
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if isinstance(module, nn.Linear) and module.bias is not None:
                nn.init.zeros_(module.bias)

    def forward(self, idx, targets=None):
        B, T = idx.shape
        x = self.tok_emb(idx)  # (B, T, d)
        if self.pos_emb is not None:
            x = x + self.pos_emb(torch.arange(T, device=idx.device))  # + (T, d)
        for block in self.blocks:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))  # (B, T, vocab_size)
        if targets is None:
            return logits, None
        return logits, nn.functional.cross_entropy(logits.view(B * T, -1), targets.reshape(B * T))

    def num_params(self):
        return sum(p.numel() for p in self.parameters())


def non_embedding_params(model) -> int:
    """Parameters outside the token and position tables (the tied head is the token table)."""
    embeddings = [model.tok_emb, getattr(model, "pos_emb", None)]
    return model.num_params() - sum(p.numel() for e in embeddings if e is not None for p in e.parameters())


# --- training -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Recipe:
    """How every run of an experiment trains; only the model differs between runs."""

    steps: int = STEPS
    batch_size: int = BATCH_SIZE
    block_size: int = BLOCK_SIZE
    learning_rate: float = LEARNING_RATE
    warmup: int = WARMUP
    evals: int = EVALS
    eval_batches: int = EVAL_BATCHES


@dataclass
class Record:
    """One training run: the loss of every step and the evaluations along the way."""

    name: str
    params: int
    non_embedding: int
    losses: list = field(default_factory=list)  # training loss of each step
    evals: list = field(default_factory=list)  # (step, train loss, val loss) on the fixed batches
    seconds: float = 0.0
    grad_norms: list = field(default_factory=list)  # gradient norm of each step, where the loop measures it

    @property
    def diverged(self) -> bool:
        return bool(self.losses) and not math.isfinite(self.losses[-1])

    @property
    def train_loss(self) -> float:
        return self.evals[-1][1] if self.evals and not self.diverged else math.nan

    @property
    def val_loss(self) -> float:
        return self.evals[-1][2] if self.evals and not self.diverged else math.nan


def as_tokens(split) -> torch.Tensor:
    """A split's token ids (a uint16 memory map) as an int64 tensor, copied into memory."""
    return torch.from_numpy(np.asarray(split, dtype=np.int64))


def sample_batch(tokens, batch_size, block_size, generator):
    """Random windows of `tokens`: inputs (B, T) and targets (B, T), the next character of each."""
    starts = torch.randint(len(tokens) - block_size, (batch_size,), generator=generator)
    windows = tokens[starts[:, None] + torch.arange(block_size + 1)]  # (B, T + 1)
    return windows[:, :-1], windows[:, 1:]


def fixed_batches(tokens, recipe: Recipe, seed: int):
    """The same evaluation batches for every run: drawn once from their own seed."""
    generator = torch.Generator().manual_seed(seed)
    return [sample_batch(tokens, recipe.batch_size, recipe.block_size, generator) for _ in range(recipe.eval_batches)]


@torch.no_grad()
def evaluate(model, batches) -> float:
    model.eval()
    loss = sum(float(model(x, y)[1]) for x, y in batches) / len(batches)
    model.train()
    return loss


def train(name, model, train_tokens, eval_sets, recipe: Recipe, seed: int, report=lambda step, loss: None) -> Record:
    """Train `model` for `recipe.steps` AdamW steps on batches drawn from `seed`; evaluate `recipe.evals` times.

    A loss that stops being finite ends the run early: the record keeps the steps until then.
    """
    record = Record(name, model.num_params(), non_embedding_params(model))
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=recipe.learning_rate)
    eval_steps = {round(recipe.steps * (i + 1) / recipe.evals) for i in range(recipe.evals)}
    started = time.perf_counter()
    model.train()
    for step in range(1, recipe.steps + 1):
        for group in optimizer.param_groups:
            group["lr"] = recipe.learning_rate * min(1.0, step / recipe.warmup)
        x, y = sample_batch(train_tokens, recipe.batch_size, recipe.block_size, generator)
        _, loss = model(x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        record.losses.append(loss.item())
        if not math.isfinite(record.losses[-1]):
            break
        if step in eval_steps:
            record.evals.append((step, evaluate(model, eval_sets["train"]), evaluate(model, eval_sets["val"])))
        report(step, record.losses[-1])
    record.seconds = time.perf_counter() - started
    return record


# --- running several models and showing them ------------------------------------------------

class Trainer:
    """Trains one model after another on `run.corpus` with one recipe, reporting progress across all.

    `loop` is the training loop, called like `train` (lesson 14 passes one built on the learner's train_step).
    """

    def __init__(self, run, recipe: Recipe, runs: int, loop=train):
        if run.corpus is None:
            raise ValueError("this experiment needs a corpus: its manifest entry names none")
        torch.set_num_threads(1)  # small matrices: a second thread mostly waits, and one thread is reproducible
        self.run, self.recipe, self.runs, self.done, self.loop = run, recipe, runs, 0, loop
        self.train_tokens = as_tokens(run.corpus.train)
        self.eval_sets = {"train": fixed_batches(self.train_tokens, recipe, run.seed + EVAL_SEED),
                          "val": fixed_batches(as_tokens(run.corpus.val), recipe, run.seed + EVAL_SEED)}
        self.records: list[Record] = []

    def model(self, build, seed_offset: int = 0):
        """`build()` right after seeding: every model starts from the experiment's seed."""
        torch.manual_seed(self.run.seed + seed_offset)
        return build()

    def train(self, name, model, seed_offset: int = 0, tokens=None) -> Record:
        """Train on `tokens` (by default the whole training split), evaluate on the shared batches."""
        steps, index = self.recipe.steps, self.done

        def report(step, loss):
            if step % 10 == 0 or step == steps:
                self.run.progress((index + step / steps) / self.runs,
                                  f"{name} (run {index + 1} of {self.runs}): step {step} of {steps}, loss {loss:.3f}")

        tokens = self.train_tokens if tokens is None else tokens
        record = self.loop(name, model, tokens, self.eval_sets, self.recipe, self.run.seed + seed_offset, report)
        self.records.append(record)
        self.done += 1
        return record


def smoothed(losses, width=SMOOTH):
    """(steps, mean loss over each window of `width` steps), x at each window's last step."""
    xs, ys = [], []
    for end in range(width, len(losses) + 1, width):
        xs.append(end)
        ys.append(sum(losses[end - width:end]) / width)
    return xs, ys


def _loss(value) -> str:
    return f"{value:.3f}" if math.isfinite(value) else "diverged"


def show_runs(run, title, records, baseline: Record | None = None):
    """A table of the runs and their training-loss curves, overlaid."""
    columns = ["run", "parameters", "train loss", "val loss", *(["val − baseline"] if baseline else []), "seconds"]
    rows = []
    for record in records:
        row = [record.name, f"{record.params:,}", _loss(record.train_loss), _loss(record.val_loss)]
        if baseline:
            row.append("—" if record is baseline else f"{record.val_loss - baseline.val_loss:+.3f}")
        rows.append([*row, f"{record.seconds:.0f}"])
    run.table(title, columns, rows)
    run.lines(f"Training loss, mean of every {SMOOTH} steps",
              {record.name: smoothed(record.losses) for record in records},
              x_label="step", y_label="loss (nats per character)")


def _recipe_line(recipe: Recipe, run) -> str:
    characters = recipe.steps * recipe.batch_size * recipe.block_size
    return (f"Each run: {recipe.steps} AdamW steps of {recipe.batch_size} windows of {recipe.block_size} characters "
            f"({characters:,} characters of {run.corpus.name}'s training text), learning rate {recipe.learning_rate:g} "
            f"after {recipe.warmup} warm-up steps; train and val loss on the same {recipe.eval_batches} fixed batches "
            f"for every run. Built from {run.built_from()}.")


def spikes(losses, window=SMOOTH, jump=0.3) -> int:
    """Steps whose loss is more than `jump` above the mean of the `window` steps before."""
    return sum(losses[i] > sum(losses[i - window:i]) / window + jump for i in range(window, len(losses)))


def late_drop(losses, width=SMOOTH) -> float:
    """How far the training loss fell over the second half of the run (smoothed, in nats)."""
    half = len(losses) // 2
    if half < width:
        return math.nan
    return sum(losses[half - width:half]) / width - sum(losses[-width:]) / width


# --- the experiments ------------------------------------------------------------------------

ABLATION_MODEL = {"n_layer": 4, "n_head": 4, "d_model": 64}  # deep enough that the residual matters
ABLATIONS = {  # name -> the switches it changes from the baseline
    "baseline": {},
    "no positions": {"positions": False},
    "no residual": {"residual": False},
    "no LayerNorm": {"layernorm": False},
    "1 head": {"n_head": 1},
}
NOISE_SEED = 1  # the baseline again, from seed + 1: how much a different seed alone moves the loss
MIN_MARGIN = 0.01  # differences in val loss below this never count, however close the two seeds came


def ablations(run, recipe: dict | None = None, model: dict | None = None):
    """The same GPT with one piece removed at a time, and the baseline again from a second seed.

    `recipe` and `model` override fields of `Recipe` and `ABLATION_MODEL` (tests shrink the runs).
    """
    recipe = Recipe(**(recipe or {}))
    model = {**ABLATION_MODEL, **(model or {})}
    attention = run.implementation("attention.MultiHeadAttention", "attention")
    feed_forward = run.implementation("transformer.FeedForward", "transformer")
    trainer = Trainer(run, recipe, runs=len(ABLATIONS) + 1)

    def build(**switches):
        shape = {**model, **switches}
        return lambda: AblatedGPT(attention, feed_forward, run.corpus.vocab_size, recipe.block_size, **shape)

    for name, switches in ABLATIONS.items():
        trainer.train(name, trainer.model(build(**switches)))
    trainer.train("baseline, seed + 1", trainer.model(build(), NOISE_SEED), NOISE_SEED)
    records = {record.name: record for record in trainer.records}
    show_runs(run, f"Ablations of a {model['n_layer']}-layer GPT, d_model {model['d_model']}, {model['n_head']} heads",
              trainer.records, records["baseline"])
    run.text(_recipe_line(recipe, run))
    run.text(ablation_reading(records))
    run.progress(1.0, "done")


def ablation_reading(records) -> str:
    """What the numbers say, ablation by ablation, measured against the noise of a second seed."""
    baseline, again = records["baseline"], records["baseline, seed + 1"]
    if baseline.diverged:
        return "The baseline itself diverged, so there is nothing to compare with: lower the learning rate."
    margin = chance_margin(baseline, again)
    lines = [f"The baseline ends at a val loss of {baseline.val_loss:.3f}; the same model from another seed at "
             f"{again.val_loss:.3f}, so a difference smaller than about {margin:.3f} could be chance.", ""]
    ranked = sorted((name for name in ABLATIONS if name != "baseline"), key=lambda name: -_gap(records[name], baseline))
    for name in ranked:
        record, gap = records[name], _gap(records[name], baseline)
        if not math.isfinite(record.val_loss):
            lines.append(f"- **{name}** diverged: its loss stopped being a number at step {len(record.losses)}.")
            continue
        verdict = ("hurts" if gap > margin else "helps here" if gap < -margin else "barely matters at this size")
        notes = [f"val loss {record.val_loss:.3f}, {gap:+.3f}"]
        if record.params != baseline.params:
            notes.append(f"{record.params - baseline.params:+,} parameters")
        if (drop := late_drop(record.losses)) < STALLED:
            notes.append("stalled: its training loss " + (f"fell only {drop:.3f}" if drop > 0.0005 else "did not fall")
                         + " in the second half")
        if (count := spikes(record.losses)) > spikes(baseline.losses):
            notes.append(f"{count} loss spike{'s' * (count > 1)}")
        lines.append(f"- **{name}** {verdict}: {'; '.join(notes)}.")
    lines += ["", f"The costliest change in this run is **{ranked[0]}**, the cheapest **{ranked[-1]}**. "
                  "Compare with the guesses you wrote down."]
    return "\n".join(lines)


def _gap(record, baseline) -> float:
    return record.val_loss - baseline.val_loss if math.isfinite(record.val_loss) else math.inf


DEPTH_WIDTH_HEADS = 4
DEPTHS = (1, 2, 4)  # layers, at d_model 64
WIDTHS = (32, 64, 128)  # d_model, at 2 layers


def depth_width(run, recipe: dict | None = None, depths=DEPTHS, widths=WIDTHS):
    """Your GPT with more layers, then with a wider residual stream, on the same budget of steps."""
    recipe = Recipe(**(recipe or {}))
    gpt = run.implementation("transformer.GPT", "transformer")
    shapes = list(dict.fromkeys([(n_layer, 64) for n_layer in depths] + [(2, d_model) for d_model in widths]))
    trainer = Trainer(run, recipe, runs=len(shapes) + 1)

    def name(n_layer, d_model):
        return f"{n_layer} layer{'s' * (n_layer > 1)}, d_model {d_model}"

    def build(n_layer, d_model):
        return lambda: gpt(run.corpus.vocab_size, recipe.block_size, n_layer, DEPTH_WIDTH_HEADS, d_model)

    runs = {shape: trainer.train(name(*shape), trainer.model(build(*shape))) for shape in shapes}
    shared = (2, 64) if (2, 64) in runs else shapes[0]  # the run both sweeps share, again from seed + 1
    again = trainer.train(f"{name(*shared)}, seed + 1", trainer.model(build(*shared), NOISE_SEED), NOISE_SEED)
    margin = chance_margin(runs[shared], again)
    show_runs(run, "Depth (at d_model 64) and width (at 2 layers)", trainer.records)
    run.text(_recipe_line(recipe, run))
    run.text("\n".join([
        f"{name(*shared)} ends at a val loss of {runs[shared].val_loss:.3f}, and from another seed at "
        f"{again.val_loss:.3f}: a difference smaller than about {margin:.3f} could be chance.", "",
        sweep_reading("Depth", [runs[n, 64] for n in depths], [f"{n} layer{'s' * (n > 1)}" for n in depths], margin),
        sweep_reading("Width", [runs[2, d] for d in widths], [f"d_model {d}" for d in widths], margin),
    ]))
    run.progress(1.0, "done")


def chance_margin(record, again) -> float:
    """How far apart two val losses must be to count: twice what a second seed alone moved it."""
    return max(2 * abs(again.val_loss - record.val_loss), MIN_MARGIN)


def sweep_reading(what, records, labels, margin) -> str:
    """One line for a sweep: the loss at each setting, what each step up cost and bought, and a verdict."""
    steps = [f"{labels[0]} {records[0].val_loss:.3f}"]
    for label, before, after in zip(labels[1:], records, records[1:]):
        steps.append(f"{label} {after.val_loss:.3f} ({after.val_loss - before.val_loss:+.3f} for "
                     f"{after.params / before.params:.1f}× the parameters, "
                     f"{after.seconds / max(before.seconds, 1e-9):.1f}× the time)")
    ranked = sorted(zip(labels, records), key=lambda pair: pair[1].val_loss)
    lead = ranked[1][1].val_loss - ranked[0][1].val_loss if len(ranked) > 1 else math.inf
    verdict = (f"Lowest: {ranked[0][0]}, ahead of the next by {lead:.3f}." if lead > margin else
               f"None of them is ahead of the others by more than chance ({lead:.3f} between the best two).")
    return f"- **{what}**: val loss " + " → ".join(steps) + f". {verdict}"


SCALING_LAYERS, SCALING_HEADS = 2, 4
SCALING_WIDTHS = (16, 32, 64, 96, 128)  # d_model
BEND = 0.01  # the ends sit this far (in log loss, 1 %) above or below the middle of the fit: a bent curve


def fit_power_law(n, loss):
    """Least squares on the logs, log L = log a − α·log N. Returns (a, α, r²).

    Example: n = [1e3, 1e4], loss = [2.0, 1.0] -> α = log10 2 ≈ 0.301, a = 2·1000^α ≈ 16.0, r² = 1.
    Leaves out the constant of an irreducible loss (L = a·N^(−α) + c), which needs a nonlinear fit.
    """
    x, y = np.log(np.asarray(n, dtype=float)), np.log(np.asarray(loss, dtype=float))
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - float((residual ** 2).sum()) / total if total > 0 else 1.0
    return math.exp(intercept), -float(slope), r2


def scaling(run, recipe: dict | None = None, widths=SCALING_WIDTHS):
    """Final val loss against non-embedding parameters for a family of widths, one budget of characters."""
    recipe = Recipe(**(recipe or {}))
    gpt = run.implementation("transformer.GPT", "transformer")
    trainer = Trainer(run, recipe, runs=len(widths) + 1)

    def build(d_model):
        return lambda: gpt(run.corpus.vocab_size, recipe.block_size, SCALING_LAYERS, SCALING_HEADS, d_model)

    family = [trainer.train(f"d_model {d_model}", trainer.model(build(d_model))) for d_model in widths]
    middle = len(widths) // 2  # the middle width again from seed + 1: how much chance alone moves the loss
    again = trainer.train(f"d_model {widths[middle]}, seed + 1", trainer.model(build(widths[middle]), NOISE_SEED),
                          NOISE_SEED)
    characters = recipe.steps * recipe.batch_size * recipe.block_size
    show_scaling(run, trainer.records, family, again, _recipe_line(recipe, run),
                 f"{SCALING_LAYERS}-layer GPTs, {SCALING_HEADS} heads, {characters:,} training characters each")
    run.progress(1.0, "done")


def show_scaling(run, records, family, again, recipe_line, title):
    """The scaling plot, table and reading: `family` the runs of growing size, `again` the middle one
    from another seed, `records` every run in the order trained (for the table)."""
    fitted = [record for record in family if math.isfinite(record.val_loss)]  # a diverged run has no loss
    if len(fitted) < 2:
        raise RuntimeError(f"only {len(fitted)} of {len(family)} runs ended with a finite loss: nothing to fit")
    n = [record.non_embedding for record in fitted]
    val = [record.val_loss for record in fitted]
    a, alpha, r2 = fit_power_law(n, val)
    fit_n = np.geomspace(min(n), max(n), 20)
    run.lines("Val loss against non-embedding parameters (log-log)",
              {"measured": (n, val), f"fit {a:.2f}·N^-{alpha:.3f}": (fit_n, a * fit_n ** -alpha)},
              x_label="non-embedding parameters N", y_label="val loss", log_x=True, log_y=True)
    run.table(title, ["run", "parameters", "non-embedding N", "train loss", "val loss", "fit", "seconds"],
              [[r.name, f"{r.params:,}", f"{r.non_embedding:,}", _loss(r.train_loss), _loss(r.val_loss),
                f"{a * r.non_embedding ** -alpha:.3f}", f"{r.seconds:.0f}"] for r in records])
    middle = family[len(family) // 2]
    margin = chance_margin(middle, again)
    run.text(recipe_line)
    run.text(f"{middle.name} ends at a val loss of {middle.val_loss:.3f}, and from another seed at "
             f"{again.val_loss:.3f}: a difference smaller than about {margin:.3f} could be chance.\n\n"
             + scaling_reading([r.name for r in fitted], n, val, (a, alpha, r2), margin))


def scaling_reading(names, n, val, fit, margin) -> str:
    """The fit in words, which steps up in size paid off, and whether the points bend away from the line."""
    a, alpha, r2 = fit
    lines = [f"Fit: L ≈ {a:.2f} · N^(−{alpha:.3f}), r² = {r2:.3f}, over a {max(n) / min(n):.0f}× range of N. "
             f"Each doubling of N multiplies the loss by 2^(−α) = {2 ** -alpha:.3f}: "
             f"{100 * (1 - 2 ** -alpha):.1f} % lower."]
    steps = list(zip(names, names[1:], val, val[1:]))
    unclear = [f"{small} → {large} ({after - before:+.3f})" for small, large, before, after in steps
               if after - before > -margin]
    if unclear:
        lines.append(f"{len(steps) - len(unclear)} of {len(steps)} steps up in size lowered the val loss by more "
                     f"than chance; these did not: {', '.join(unclear)}.")
    else:
        lines.append("Every step up in size lowered the val loss by more than chance.")
    residuals = [math.log(v) - math.log(a * x ** -alpha) for x, v in zip(n, val)]
    ends, middle = (residuals[0] + residuals[-1]) / 2, sum(residuals[1:-1]) / max(len(residuals) - 2, 1)
    bend = max(BEND, margin / min(val))  # in log loss: a bend smaller than chance is no bend
    if len(residuals) < 3 or abs(ends - middle) < bend:
        lines.append(f"Every point lies within {100 * max(map(abs, residuals)):.1f} % of the line: at this "
                     "precision one power law describes the whole range.")
    elif ends > middle:
        lines.append("The points sit higher at both ends than in between: on log-log axes the curve flattens "
                     "as N grows, and on this budget of characters the largest models gain less than the line "
                     "promises.")
    else:
        lines.append("The points sit lower at both ends than in between: on log-log axes the curve steepens "
                     "as N grows.")
    return " ".join(lines)
