"""The pieces a run is built from: the learner's, where their exercises pass, else the references.

A piece is the learner's only when its own exercise and every exercise its code calls have
passed (the learner's GPT runs the learner's Block, FeedForward and attention; their
train_step calls their cross_entropy), decided from the learner's progress the same way
lesson experiments decide (`app.engine.experiments.learner_exercises`). Which one was
used goes into config.json's "implementations", e.g. {"transformer.GPT": "yours", ...}.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.engine.course import Experiment, load_course
from app.engine.experiments import learner_exercises
from app.engine.progress import ProgressStore

# piece -> (module in core/, the exercises that must pass for the learner's to be used)
PIECES = {
    "transformer.GPT": ("transformer", ("transformer.GPT", "transformer.Block", "transformer.FeedForward",
                                        "attention.MultiHeadAttention", "attention.scaled_dot_product_attention",
                                        "attention.causal_mask")),
    "tokenization.get_batch": ("data", ("tokenization.get_batch",)),
    "pretraining.cross_entropy": ("train", ("pretraining.cross_entropy",)),
    "pretraining.lr_at": ("train", ("pretraining.lr_at",)),
    "pretraining.train_step": ("train", ("pretraining.train_step", "pretraining.cross_entropy")),
    "pretraining.generate": ("train", ("pretraining.generate",)),
    "pretraining.save_checkpoint": ("train", ("pretraining.save_checkpoint",)),
    "pretraining.load_checkpoint": ("train", ("pretraining.load_checkpoint",)),
}


@dataclass
class Pieces:
    GPT: Any
    get_batch: Any
    cross_entropy: Any
    lr_at: Any
    train_step: Any
    generate: Any
    save_checkpoint: Any
    load_checkpoint: Any
    names: dict[str, str]  # piece -> "yours" | "reference", for config.json


def passing_pieces(root: Path) -> set[str]:
    """The pieces whose exercises (and the exercises they call) all pass in `root`'s progress."""
    progress = ProgressStore(root / ".tinylm" / "progress.json").load()
    needed = tuple(sorted({exercise for _, exercises in PIECES.values() for exercise in exercises}))
    training = Experiment(id="pretraining.train", title="Pretraining run", lesson="pretraining", about="",
                          uses=needed, budget_s=0)
    passed = set(learner_exercises(root, load_course(), progress, training))
    return {piece for piece, (_, exercises) in PIECES.items() if passed.issuperset(exercises)}


def pick_pieces(root: Path) -> Pieces:
    """Import every piece from the learner's core/ or from the lesson's reference."""
    from lessons.experimenting import Run

    picker = Run(seed=0, workspace=root, learner_exercises=passing_pieces(root), report=lambda event: None)
    found = {piece.split(".", 1)[1]: picker.implementation(piece, module) for piece, (module, _) in PIECES.items()}
    return Pieces(**found, names=dict(picker.implementations))
