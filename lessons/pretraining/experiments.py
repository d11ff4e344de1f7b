"""Experiments of lesson 14: the learning-rate schedule, scaling, data efficiency and temperature.

Every run trains a small character-level GPT on the Shakespeare corpus with the training
machinery of this lesson: your train_step (once it passes), AdamW, and your lr_at's
warm-up and cosine decay to a tenth of the peak rate, with gradients clipped at norm 1.
Batches, evaluation batches and initial weights come from the experiment's seed, so two
runs differ only in what the experiment changes. Losses are in nats per character; ln 78 ≈
4.36 is a uniform guess. The runs, their evaluation and the scaling plot are lesson 12's.
"""

import dataclasses
import math
import re
import time

import torch

from lessons.transformer.experiments import (
    NOISE_SEED,
    SMOOTH,
    Recipe,
    Record,
    Trainer,
    evaluate,
    non_embedding_params,
    sample_batch,
    show_scaling,
    smoothed,
)

MIN_LR_RATIO = 0.1  # the cosine ends at a tenth of the peak rate, as in nanoGPT and Chinchilla
GRAD_CLIP = 1.0  # the largest gradient norm a step may use
N_LAYER, N_HEAD, D_MODEL = 2, 4, 64  # the model of every experiment but scaling: about 100 k parameters


def schedule_loop(train_step, lr_at, grad_clip=GRAD_CLIP):
    """A training loop for lesson 12's Trainer, built on `train_step` and `lr_at`.

    Each step sets the rate lr_at(step, warmup, steps, learning_rate, learning_rate / 10), draws a
    batch and calls train_step; the record keeps every loss and gradient norm.
    """

    def loop(name, model, train_tokens, eval_sets, recipe, seed, report) -> Record:
        record = Record(name, model.num_params(), non_embedding_params(model))
        generator = torch.Generator().manual_seed(seed)
        optimizer = torch.optim.AdamW(model.parameters(), lr=recipe.learning_rate)
        eval_steps = {round(recipe.steps * (i + 1) / recipe.evals) for i in range(recipe.evals)}
        started = time.perf_counter()
        model.train()
        for step in range(recipe.steps):
            lr = lr_at(step, recipe.warmup, recipe.steps, recipe.learning_rate, recipe.learning_rate * MIN_LR_RATIO)
            for group in optimizer.param_groups:
                group["lr"] = lr
            x, y = sample_batch(train_tokens, recipe.batch_size, recipe.block_size, generator)
            loss, grad_norm = train_step(model, optimizer, x, y, grad_clip)
            record.losses.append(loss)
            record.grad_norms.append(grad_norm)
            if not math.isfinite(loss):
                break
            if step + 1 in eval_steps:
                record.evals.append((step + 1, evaluate(model, eval_sets["train"]), evaluate(model, eval_sets["val"])))
            report(step + 1, loss)
        record.seconds = time.perf_counter() - started
        return record

    return loop


def _machinery(run):
    """Your train_step and lr_at where they pass (the reference's otherwise), and the GPT class."""
    train_step = run.implementation("pretraining.train_step", "train")
    lr_at = run.implementation("pretraining.lr_at", "train")
    gpt = run.implementation("transformer.GPT", "transformer")
    return schedule_loop(train_step, lr_at), lr_at, gpt


def _recipe_line(recipe: Recipe, run, what="Each run") -> str:
    characters = recipe.steps * recipe.batch_size * recipe.block_size
    return (f"{what}: {recipe.steps} steps of {recipe.batch_size} windows of {recipe.block_size} characters "
            f"({characters:,} characters), AdamW at a peak rate of {recipe.learning_rate:g} after {recipe.warmup} "
            f"warm-up steps, cosine decay to {recipe.learning_rate * MIN_LR_RATIO:g}, gradients clipped at norm "
            f"{GRAD_CLIP:g}; val loss on {recipe.eval_batches} fixed batches of the validation plays. "
            f"Built from {run.built_from()}.")


def _characters(recipe: Recipe, step: int) -> int:
    return step * recipe.batch_size * recipe.block_size


def _mean(values) -> float:
    values = [value for value in values if math.isfinite(value)]
    return sum(values) / len(values) if values else math.nan


# --- the learning-rate schedule -------------------------------------------------------------

SCHEDULE_RECIPE = {"steps": 300, "learning_rate": 3e-2, "warmup": 30, "evals": 2, "eval_batches": 8}
COMFORTABLE_LR = 3e-3  # the peak rate the other experiments use: the yardstick for the high one
EARLY = 60  # the first steps, where warm-up matters
CHANCE = 0.02  # val losses closer than this can differ by the seed alone (lesson 12's second-seed runs)
PAST_FREQUENCIES = 3.1  # a training loss below the 3.30 that character frequencies alone give on Shakespeare


def lr_schedule(run, recipe: dict | None = None, model: dict | None = None):
    """Your lr_at drawn over a run; then one GPT at a high peak rate with and without warm-up, and at a usual rate."""
    recipe = Recipe(**{**SCHEDULE_RECIPE, **(recipe or {})})
    shape = {"n_layer": N_LAYER, "n_head": N_HEAD, "d_model": D_MODEL, **(model or {})}
    loop, lr_at, gpt = _machinery(run)
    steps = list(range(recipe.steps + recipe.steps // 5))  # past the end: the rate stays at its floor
    peak, floor = recipe.learning_rate, recipe.learning_rate * MIN_LR_RATIO
    run.lines(f"lr_at(step, warmup, max_steps={recipe.steps}, max_lr={peak:g}, min_lr={floor:g})",
              {f"warmup={recipe.warmup}": (steps, [lr_at(s, recipe.warmup, recipe.steps, peak, floor) for s in steps]),
               "warmup=0": (steps, [lr_at(s, 0, recipe.steps, peak, floor) for s in steps])},
              x_label="step", y_label="learning rate")
    trainer = Trainer(run, recipe, runs=3, loop=loop)

    def build():
        return gpt(run.corpus.vocab_size, recipe.block_size, shape["n_layer"], shape["n_head"], shape["d_model"])

    warm = trainer.train(f"peak {peak:g}, {recipe.warmup} warm-up steps", trainer.model(build))
    trainer.recipe = dataclasses.replace(recipe, warmup=0)
    cold = trainer.train(f"peak {peak:g}, no warm-up", trainer.model(build))
    trainer.recipe = dataclasses.replace(recipe, learning_rate=COMFORTABLE_LR)
    usual = trainer.train(f"peak {COMFORTABLE_LR:g}, {recipe.warmup} warm-up steps", trainer.model(build))
    records, early = (warm, cold, usual), min(EARLY, recipe.steps)
    first = list(range(1, early + 1))
    run.lines(f"Training loss of the first {early} steps", {r.name: (first, r.losses[:early]) for r in records},
              x_label="step", y_label="loss (nats per character)")
    run.lines(f"Gradient norm of the first {early} steps (before clipping at {GRAD_CLIP:g})",
              {r.name: (first, r.grad_norms[:early]) for r in records}, x_label="step", y_label="gradient norm")
    run.lines(f"Training loss, mean of every {SMOOTH} steps", {r.name: smoothed(r.losses) for r in records},
              x_label="step", y_label="loss (nats per character)")
    run.table(f"A {shape['n_layer']}-layer GPT, d_model {shape['d_model']}",
              ["run", f"mean loss, steps 1–{early}", f"largest gradient norm, steps 1–{early}", "train loss", "val loss"],
              [[r.name, f"{_mean(r.losses[:early]):.3f}", f"{max(r.grad_norms[:early], default=math.nan):.2f}",
                f"{r.train_loss:.3f}", f"{r.val_loss:.3f}"] for r in records])
    run.text(_recipe_line(recipe, run, "The first run") + " The second starts at its peak rate at once; the third "
             f"is the first at a peak of {COMFORTABLE_LR:g}.")
    run.text(schedule_reading(warm, cold, usual, early))
    run.progress(1.0, "done")


def _first_below(losses, level):
    """The step at which the training loss, averaged over SMOOTH steps, is first below `level` (None: never)."""
    return next((step for step, loss in zip(*smoothed(losses)) if loss < level), None)


def schedule_reading(warm: Record, cold: Record, usual: Record, early: int) -> str:
    """What warm-up changed at the high rate: the early loss, the end result, and how both compare with the usual rate."""
    warm_early, cold_early = _mean(warm.losses[:early]), _mean(cold.losses[:early])
    gap = cold.val_loss - warm.val_loss
    reached = [_first_below(r.losses, PAST_FREQUENCIES) for r in (warm, cold)]
    lines = [f"At the high rate the loss over the first {early} steps averaged {cold_early:.3f} without warm-up "
             f"and {warm_early:.3f} with it, and the runs end at a val loss of {cold.val_loss:.3f} and "
             f"{warm.val_loss:.3f} ({gap:+.3f}). The smoothed training loss first fell below {PAST_FREQUENCIES} "
             "(past the 3.30 that character frequencies alone give on Shakespeare) "
             + " and ".join(f"{'never' if step is None else f'at step {step}'} {label}"
                            for label, step in zip(("with warm-up", "without"), reached)) + "."]
    if gap > CHANCE:
        lines.append("Without warm-up the first steps are as large as any: Adam's early updates are about the rate "
                     "times the sign of each gradient, for every weight at once, before its moment estimates mean "
                     "anything.")
    elif gap < -CHANCE:
        lines.append("Here the run without warm-up did better: at this rate and size the early steps were not the "
                     "problem.")
    else:
        lines.append(f"The difference is within about {CHANCE} nats, which a different seed alone can make.")
    lines.append(f"At the usual peak of {COMFORTABLE_LR:g} the val loss is {usual.val_loss:.3f}: "
                 + ("warm-up makes a high rate usable, not good; the rate itself matters more."
                    if usual.val_loss < min(warm.val_loss, cold.val_loss) - CHANCE else
                    "the high rate, with warm-up, keeps up with it here."))
    return " ".join(lines)


# --- scaling --------------------------------------------------------------------------------

SCALING_RECIPE = {"steps": 300, "learning_rate": 3e-3, "warmup": 30, "evals": 4, "eval_batches": 16}
SCALING_WIDTHS = (16, 32, 64, 128)  # d_model, at 2 layers and 4 heads


def scaling(run, recipe: dict | None = None, widths=SCALING_WIDTHS):
    """Val loss against parameters at one budget of characters, fitted with a power law, with your training loop."""
    recipe = Recipe(**{**SCALING_RECIPE, **(recipe or {})})
    loop, _, gpt = _machinery(run)
    trainer = Trainer(run, recipe, runs=len(widths) + 1, loop=loop)

    def build(d_model):
        return lambda: gpt(run.corpus.vocab_size, recipe.block_size, N_LAYER, N_HEAD, d_model)

    family = [trainer.train(f"d_model {d_model}", trainer.model(build(d_model))) for d_model in widths]
    middle = widths[len(widths) // 2]  # again from seed + 1: how much chance alone moves the loss
    again = trainer.train(f"d_model {middle}, seed + 1", trainer.model(build(middle), NOISE_SEED), NOISE_SEED)
    show_scaling(run, trainer.records, family, again, _recipe_line(recipe, run),
                 f"{N_LAYER}-layer GPTs, {N_HEAD} heads, {_characters(recipe, recipe.steps):,} training characters each")
    run.lines("Val loss against characters seen, by size",
              {r.name: ([_characters(recipe, step) for step, _, _ in r.evals], [val for _, _, val in r.evals])
               for r in family}, x_label="characters seen", y_label="val loss")
    run.text(compute_reading(family, recipe))
    run.progress(1.0, "done")


def compute_reading(family, recipe: Recipe) -> str:
    """Characters per parameter and compute (C ≈ 6·N·D) of each size, and whose val loss was still falling at the end."""
    tokens = _characters(recipe, recipe.steps)
    parts = []
    for r in family:
        ratio = tokens / r.non_embedding
        late = (f", val loss down {r.evals[-2][2] - r.evals[-1][2]:.3f} over its last {r.evals[-1][0] - r.evals[-2][0]} "
                "steps" if len(r.evals) > 1 else "")
        parts.append(f"{r.name}: N = {r.non_embedding:,}, {ratio:.{0 if ratio >= 10 else 1}f} characters per "
                     f"parameter, C ≈ 6·N·D = {6 * r.non_embedding * tokens:.2g} FLOPs{late}")
    return (f"Every run saw D = {tokens:,} characters.\n\n" + "\n".join(f"- {part}" for part in parts) + "\n\n"
            "Chinchilla's compute-optimal budget is about 20 tokens per parameter. A model far above it has learnt "
            "most of what its size allows and its curve flattens; a model far below it is still falling when the "
            "budget runs out, and would gain more from more characters than from more width.")


# --- data efficiency ------------------------------------------------------------------------

DATA_RECIPE = {"steps": 400, "learning_rate": 3e-3, "warmup": 40, "evals": 8, "eval_batches": 8}
DATA_FRACTIONS = (0.01, 0.1, 1.0)  # of the training split: 1 % is 43 k characters of Shakespeare


def data_efficiency(run, recipe: dict | None = None, fractions=DATA_FRACTIONS, model: dict | None = None):
    """The same GPT and step budget on 1 %, 10 % and 100 % of the training text: val loss against characters seen."""
    recipe = Recipe(**{**DATA_RECIPE, **(recipe or {})})
    shape = {"n_layer": N_LAYER, "n_head": N_HEAD, "d_model": D_MODEL, **(model or {})}
    loop, _, gpt = _machinery(run)
    trainer = Trainer(run, recipe, runs=len(fractions), loop=loop)

    def build():
        return gpt(run.corpus.vocab_size, recipe.block_size, shape["n_layer"], shape["n_head"], shape["d_model"])

    sizes, records = {}, []
    for fraction in fractions:
        size = max(int(len(trainer.train_tokens) * fraction), recipe.block_size + 1)
        record = trainer.train(f"{fraction * 100:g} % of the training text", trainer.model(build),
                               tokens=trainer.train_tokens[:size])
        sizes[record.name] = size
        records.append(record)
    run.lines("Val loss against characters seen",
              {r.name: ([_characters(recipe, step) for step, _, _ in r.evals], [val for _, _, val in r.evals])
               for r in records}, x_label="characters seen", y_label="val loss")
    run.lines(f"Training loss on each run's own text, mean of every {SMOOTH} steps",
              {r.name: smoothed(r.losses) for r in records}, x_label="step", y_label="loss (nats per character)")
    run.table(f"A {shape['n_layer']}-layer GPT, d_model {shape['d_model']}, on part of the training text",
              ["run", "characters", "epochs", "training loss (own text)", "val loss", "gap", "best val loss (step)"],
              [[r.name, f"{sizes[r.name]:,}", f"{_characters(recipe, recipe.steps) / sizes[r.name]:.2f}",
                f"{_mean(r.losses[-SMOOTH:]):.3f}", f"{r.val_loss:.3f}", f"{r.val_loss - _mean(r.losses[-SMOOTH:]):+.3f}",
                "{:.3f} ({})".format(*_best_val(r))] for r in records])
    run.text(_recipe_line(recipe, run) + " Only the text each run may draw its windows from differs.")
    run.text(data_reading(records, sizes, recipe))
    run.progress(1.0, "done")


def _best_val(record: Record):
    """(lowest val loss among the evaluations, its step)."""
    step, _, val = min(record.evals, key=lambda evaluation: evaluation[2])
    return val, step


def data_reading(records, sizes, recipe: Recipe) -> str:
    """Which runs memorised their text: epochs, the train–val gap, and a val loss that turned back up."""
    lines = []
    for r in records:
        epochs = _characters(recipe, recipe.steps) / sizes[r.name]
        train = _mean(r.losses[-SMOOTH:])
        best, best_step = _best_val(r)
        line = (f"- **{r.name}** ({sizes[r.name]:,} characters, {epochs:.1f} epochs): training loss {train:.3f}, "
                f"val loss {r.val_loss:.3f}")
        if best < r.val_loss - 0.01:
            line += (f"; its val loss was lowest at step {best_step} ({best:.3f}) and rose after: it is memorising "
                     "its text rather than learning Shakespeare")
        elif r.val_loss - train > 0.1:
            line += f"; {r.val_loss - train:.2f} nats better on its own text than on new plays: it has begun to memorise"
        lines.append(line + ".")
    best = min(records, key=lambda r: r.val_loss)
    close = [r.name for r in records if r is not best and r.val_loss - best.val_loss <= CHANCE]
    lines.append(f"\nThe lowest val loss after the same {recipe.steps} steps: **{best.name}**"
                 + (f", with {' and '.join(close)} within {CHANCE} nats of it, which the seed alone can make" if close else "")
                 + ". Text seen about once is as good as new; a run that must repeat its text many times learns that "
                 "text rather than the language, and its val loss falls behind.")
    return "\n".join(lines)


# --- temperature ----------------------------------------------------------------------------

SAMPLE_RECIPE = {"steps": 500, "learning_rate": 3e-3, "warmup": 50, "evals": 1, "eval_batches": 8}
TEMPERATURES = (0.0, 0.5, 0.8, 1.0, 1.5)
SAMPLE_LENGTH = 240  # characters per sample
WORD = re.compile(r"[A-Za-z']+")


def temperature(run, recipe: dict | None = None, temperatures=TEMPERATURES, length=SAMPLE_LENGTH,
                model: dict | None = None):
    """A GPT trained for a minute, sampled from one prompt at several temperatures, with top-k and top-p."""
    recipe = Recipe(**{**SAMPLE_RECIPE, **(recipe or {})})
    shape = {"n_layer": N_LAYER, "n_head": N_HEAD, "d_model": D_MODEL, **(model or {})}
    loop, _, gpt = _machinery(run)
    generate = run.implementation("pretraining.generate", "train")
    trainer = Trainer(run, recipe, runs=1, loop=loop)
    model = trainer.model(lambda: gpt(run.corpus.vocab_size, recipe.block_size, shape["n_layer"], shape["n_head"],
                                      shape["d_model"]))
    record = trainer.train("sampler", model)
    settings = [(t, None, None) for t in temperatures] + [(1.0, 10, None), (1.0, None, 0.9)]
    words = set(WORD.findall(run.corpus.decode(trainer.train_tokens.tolist())))
    prompt = trainer.train_tokens[:recipe.block_size // 2].reshape(1, -1)  # the opening of the first play
    rows = []
    for number, (temp, top_k, top_p) in enumerate(settings):
        run.progress(0.9 + 0.1 * number / len(settings), f"sampling at temperature {temp:g}")
        out = generate(model, prompt.clone(), length, temperature=temp, top_k=top_k, top_p=top_p,
                       generator=torch.Generator().manual_seed(run.seed))
        text = run.corpus.decode(out[0, prompt.size(1):].tolist())
        label = f"temperature {temp:g}" + (f", top_k {top_k}" if top_k else "") + (f", top_p {top_p:g}" if top_p else "")
        run.text(f"**{label}**\n\n```\n{text}\n```")
        rows.append([label, *sample_stats(text, words)])
    run.table("Samples from one prompt and one seed",
              ["setting", "words", "real words", "distinct words", "repeated 20-character spans"], rows)
    run.text(f"The model: {shape['n_layer']} layers, d_model {shape['d_model']}, val loss {record.val_loss:.3f} "
             f"after training. Prompt, the opening of the first training play: {run.corpus.decode(prompt[0].tolist())!r}. "
             + _recipe_line(recipe, run, "Training"))
    run.progress(1.0, "done")


def sample_stats(text: str, words: set) -> list:
    """[word count, share found in the training text, share distinct, share of 20-character windows seen earlier]."""
    found = WORD.findall(text)
    spans = [text[i:i + 20] for i in range(len(text) - 19)]
    repeated = sum(span in text[:i + 19] for i, span in enumerate(spans))
    share = (lambda part, whole: f"{part / whole:.0%}" if whole else "–")
    return [len(found), share(sum(word in words for word in found), len(found)), share(len(set(found)), len(found)),
            share(repeated, len(spans))]
