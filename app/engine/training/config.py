"""What a training run is: the model's shape, the training recipe, presets, `key=value` overrides.

Plain dataclasses, no torch: the app and the CLI build and check a configuration before a
worker process (which imports torch) is started, so a typo is a one-line error at once.

    config = build_config("baby", ["max_steps=500", "learning_rate=3e-4"])
    config.train.max_steps -> 500; config.overrides -> {"max_steps": 500, "learning_rate": 0.0003}

Presets, each comparable with a nanoGPT configuration:
    tiny       2 layers, 32 wide: the tests' preset, well under a minute on a laptop CPU
    baby       nanoGPT README's CPU recipe for shakespeare_char (4 layers, 4 heads, 128 wide,
               block 64, batch 12, 2000 iterations); nanoGPT reaches val loss ~1.88 with it.
               Our peak learning rate is 3e-3, not its 1e-3: on tinyshakespeare in the worker, 1e-3
               ends at 1.84-1.87 (seeds 1337, 1, 2, 3), 3e-3 at 1.74-1.77 (seeds 1337, 1, 2);
               2e-3 gave 1.78-1.79, 4e-3 1.75, 6e-3 1.77 (benchmarks/train_throughput.py --only quality)
    small      nanoGPT's config/train_shakespeare_char.py (6/6/384, block 256, batch 64, dropout 0.2)
    overnight  8 layers, 8 heads, 512 wide, block 256: a night (4-12 h, estimated from its FLOPs) on an
               Apple M4; peak RSS 1.5 GB over 3 steps on a 2-core CPU (fused attention, recompute=1)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


class ConfigError(Exception):
    """A preset or override that cannot be used; the message is one line."""


@dataclass
class ModelConfig:
    """The GPT's shape: the arguments of lessons/transformer's GPT(...)."""

    vocab_size: int = 0  # filled in from the prepared corpus when the run starts
    block_size: int = 64  # context length in tokens: the most the model sees at once
    n_layer: int = 4  # transformer blocks
    n_head: int = 4  # attention heads per block; must divide d_model
    d_model: int = 128  # width of the residual stream (nanoGPT's n_embd)
    dropout: float = 0.0  # 0 for small data and short runs; 0.2 once a model can overfit


@dataclass
class TrainConfig:
    """The recipe: optimiser, schedule, and how often to evaluate, sample and save."""

    max_steps: int = 2000  # optimiser steps in all (nanoGPT's max_iters = lr_decay_iters)
    batch_size: int = 12  # sequences per step
    learning_rate: float = 1e-3  # the peak, reached at the end of warm-up (nanoGPT shakespeare_char)
    min_lr: float = 1e-4  # where the cosine decay ends: learning_rate / 10, as Chinchilla advises
    warmup_steps: int = 100  # linear warm-up from learning_rate / warmup_steps
    grad_clip: float = 1.0  # largest global gradient norm; 0 turns clipping off
    weight_decay: float = 0.1  # AdamW's, on weight matrices and embeddings only (not biases, LayerNorms)
    beta1: float = 0.9  # AdamW's first-moment decay
    beta2: float = 0.99  # 0.99 rather than 0.999: few tokens per step (nanoGPT shakespeare_char)
    eval_every: int = 250  # steps between evaluations (val loss, attention maps); the last step always
    eval_batches: int = 20  # fixed batches per split per evaluation (nanoGPT's CPU recipe: eval_iters=20)
    sample_every: int = 250  # steps between samples from the fixed prompts; the last step always
    sample_tokens: int = 200  # characters generated per sample prompt
    checkpoint_every: int = 250  # steps between checkpoints; step 0 and the last step always
    keep_last: int = 3  # newest checkpoints kept besides best.pt and the milestones (step 0; 1, 2, 4… intervals)
    log_every: int = 10  # steps between metrics rows and status updates
    seed: int = 1337  # everything random derives from it: init, batches, dropout, samples
    temperature: float = 0.8  # for the samples written during training
    top_k: int = 40  # for the samples written during training; 0 = no top-k filter
    threads: int = 0  # CPU threads for torch; 0 = torch's default (one per core)
    recompute: int = 0  # 1 = keep only each block's input and recompute the rest in the backward pass:
    #                     about a third more compute for a fraction of the activation memory
    fused_attention: int = 1  # 1 = training steps run the model's attention through PyTorch's fused kernel
    #                           (same weights, same arithmetic; training/fused_attention.py); 0 = its own forward


@dataclass
class RunConfig:
    preset: str
    model: ModelConfig
    train: TrainConfig
    target_val_loss: float | None = None  # a line on the dashboard's loss chart
    overrides: dict = field(default_factory=dict)  # key -> value the user changed from the preset


PRESETS: dict[str, RunConfig] = {
    "tiny": RunConfig(
        "tiny",
        ModelConfig(block_size=32, n_layer=2, n_head=2, d_model=32),
        TrainConfig(max_steps=200, batch_size=8, learning_rate=3e-3, min_lr=3e-4, warmup_steps=10,
                    eval_every=50, eval_batches=4, sample_every=100, sample_tokens=40, checkpoint_every=50,
                    log_every=10),
    ),
    "baby": RunConfig(
        "baby",
        ModelConfig(block_size=64, n_layer=4, n_head=4, d_model=128, dropout=0.0),
        TrainConfig(max_steps=2000, batch_size=12, learning_rate=3e-3, min_lr=3e-4, warmup_steps=100),
        target_val_loss=1.88,  # nanoGPT's result with these shapes
    ),
    "small": RunConfig(
        "small",
        ModelConfig(block_size=256, n_layer=6, n_head=6, d_model=384, dropout=0.2),
        TrainConfig(max_steps=5000, batch_size=64, learning_rate=1e-3, min_lr=1e-4, warmup_steps=100,
                    eval_every=250, eval_batches=50, sample_every=500, checkpoint_every=250,
                    recompute=1),  # batch 64 × block 256 with explicit attention: 5.8 GB peak RSS without, measured
        target_val_loss=1.47,  # nanoGPT's shakespeare_char result at 5000 iterations
    ),
    "overnight": RunConfig(
        "overnight",
        ModelConfig(block_size=256, n_layer=8, n_head=8, d_model=512, dropout=0.2),
        TrainConfig(max_steps=30000, batch_size=32, learning_rate=6e-4, min_lr=6e-5, warmup_steps=500,
                    eval_every=500, eval_batches=50, sample_every=1000, checkpoint_every=500, keep_last=4,
                    log_every=20, recompute=1),
    ),
}


def _fields() -> dict[str, tuple[str, type]]:
    """Every overridable key -> (section, type): "max_steps" -> ("train", int)."""
    keys = {}
    for section, cls in (("model", ModelConfig), ("train", TrainConfig)):
        for item in dataclasses.fields(cls):
            if item.name != "vocab_size":  # the corpus decides it
                keys[item.name] = (section, {"int": int, "float": float}[item.type])
    return keys


def _parse_value(key: str, text: str, kind: type):
    try:
        value = kind(text) if kind is float else int(text.replace("_", ""))
    except ValueError:
        raise ConfigError(f"{key}={text}: {key} takes {'an integer' if kind is int else 'a number'}") from None
    if value < 0 or (kind is float and value != value):
        raise ConfigError(f"{key}={text}: {key} cannot be negative")
    return value


def parse_overrides(items: list[str]) -> dict:
    """["max_steps=500", "dropout=0.1"] -> {"max_steps": 500, "dropout": 0.1}, each checked
    against its field's type; an unknown key or a bad value is a one-line ConfigError."""
    known = _fields()
    overrides = {}
    for item in items:
        key, equals, text = item.partition("=")
        key = key.strip()
        if not equals or not key:
            raise ConfigError(f"{item!r} is not key=value (e.g. max_steps=500)")
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
        overrides[key] = _parse_value(key, text.strip(), known[key][1])
    return overrides


def _check(config: RunConfig) -> None:
    model, train = config.model, config.train
    positive = {"block_size": model.block_size, "n_layer": model.n_layer, "n_head": model.n_head,
                "d_model": model.d_model, "max_steps": train.max_steps, "batch_size": train.batch_size,
                "eval_every": train.eval_every, "eval_batches": train.eval_batches,
                "sample_every": train.sample_every, "checkpoint_every": train.checkpoint_every,
                "keep_last": train.keep_last, "log_every": train.log_every}
    for key, value in positive.items():
        if value < 1:
            raise ConfigError(f"{key}={value}: {key} must be at least 1")
    if model.d_model % model.n_head:
        raise ConfigError(f"d_model={model.d_model} is not divisible by n_head={model.n_head}")
    if not 0 <= model.dropout < 1:
        raise ConfigError(f"dropout={model.dropout}: dropout must be in [0, 1)")
    if train.min_lr > train.learning_rate:
        raise ConfigError(f"min_lr={train.min_lr} is above learning_rate={train.learning_rate}")


def build_config(preset: str, overrides: list[str] | dict | None = None) -> RunConfig:
    """The preset with the overrides applied and checked; a one-line ConfigError if unusable."""
    if preset not in PRESETS:
        raise ConfigError(f"unknown preset {preset!r}; presets: {', '.join(PRESETS)}")
    base = PRESETS[preset]
    changes = overrides if isinstance(overrides, dict) else parse_overrides(overrides or [])
    sections = {"model": dataclasses.asdict(base.model), "train": dataclasses.asdict(base.train)}
    known = _fields()
    for key, value in changes.items():
        sections[known[key][0]][key] = value
    config = RunConfig(preset, ModelConfig(**sections["model"]), TrainConfig(**sections["train"]),
                       base.target_val_loss, dict(changes))
    _check(config)
    return config


def describe(config: RunConfig | dict) -> str:
    """One line, from a RunConfig (a preset) or a run's config.json:
    "4 layers × 4 heads, d_model 128, block 64, dropout 0; batch 12, 2,000 steps, lr 0.003 → 0.0003"."""
    if isinstance(config, RunConfig):
        model, train = dataclasses.asdict(config.model), dataclasses.asdict(config.train)
    else:
        model, train = config["model"], config["train"]
    return (f"{model['n_layer']} layers × {model['n_head']} heads, d_model {model['d_model']}, "
            f"block {model['block_size']}, dropout {model['dropout']:g}; batch {train['batch_size']}, "
            f"{train['max_steps']:,} steps, lr {train['learning_rate']:g} → {train['min_lr']:g}")
