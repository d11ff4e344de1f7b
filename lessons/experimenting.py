"""What every lesson's experiments use: report progress, pick implementations, show results.

An experiment is a plain function `experiment(run)` in `lessons/<slug>/experiments.py`.
`run` says which seed to use, hands out the learner's implementation of an exercise when
it passes (the reference's otherwise, and records which), reports progress, and collects
the results as blocks the app knows how to draw: text, tables, line plots, heatmaps,
labelled scatter maps.
Results are plain JSON, so the app (which never imports torch) can show them.

An experiment whose manifest entry names a corpus (`corpus = "shakespeare"`) finds it
prepared as `run.corpus`; the worker prepares it first if it has to.
"""

from __future__ import annotations

import importlib
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from lessons.learner import load_learner_package


def _plain(value):
    """Numbers as JSON can hold them: tensors and numpy values become floats and lists."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@dataclass(frozen=True)
class CorpusData:
    """A prepared corpus as an experiment reads it: `run.corpus.decode(run.corpus.val[:40])`."""

    name: str  # "shakespeare"
    train: Any  # 1-D token ids of the training split (a read-only uint16 numpy memory map)
    val: Any  # 1-D token ids of the validation split
    vocab_size: int  # ids run from 0 to vocab_size - 1
    decode: Callable[[Sequence[int]], str]  # ids -> text


class Run:
    def __init__(self, seed: int, workspace: Path, learner_exercises: set[str], report: Callable[[dict], None],
                 corpus: CorpusData | None = None):
        self.seed = seed
        self.workspace = workspace
        self.learner_exercises = learner_exercises  # exercise ids whose learner code passes
        self.corpus = corpus  # the prepared corpus the manifest entry names, or None
        self.implementations: dict[str, str] = {}  # exercise id -> "yours" | "reference"
        self.blocks: list[dict] = []
        self._report = report
        self._started = time.monotonic()

    # -- inputs ---------------------------------------------------------------------------

    def implementation(self, exercise_id: str, module: str):
        """The learner's `exercise_id` from `core.<module>` if it passes, else the reference's."""
        lesson, target = exercise_id.split(".", 1)
        if exercise_id in self.learner_exercises:
            if "core" not in sys.modules:
                load_learner_package(self.workspace)
            source, where = importlib.import_module(f"core.{module}"), "yours"
        else:
            source, where = importlib.import_module(f"lessons.{lesson}.reference"), "reference"
        self.implementations[exercise_id] = where
        return getattr(source, target)

    def built_from(self) -> str:
        """ "your FeedForward and the reference's MultiHeadAttention": whose code the run handed out."""
        names = {"yours": [], "reference": []}
        for exercise_id, where in self.implementations.items():
            names[where].append(exercise_id.split(".", 1)[1])
        parts = [f"your {' and '.join(names['yours'])}" if names["yours"] else "",
                 f"the reference's {' and '.join(names['reference'])}" if names["reference"] else ""]
        return " and ".join(part for part in parts if part)

    # -- progress -------------------------------------------------------------------------

    def progress(self, fraction: float, message: str = "") -> None:
        self._report({"fraction": max(0.0, min(1.0, fraction)), "message": message,
                      "elapsed_s": round(time.monotonic() - self._started, 2)})

    # -- results --------------------------------------------------------------------------

    def text(self, markdown: str) -> None:
        self.blocks.append({"kind": "text", "text": markdown})

    def table(self, title: str, columns: list[str], rows: list[list]) -> None:
        self.blocks.append({"kind": "table", "title": title, "columns": columns, "rows": _plain(rows)})

    def lines(self, title: str, series: dict[str, tuple[list, list]], *, x_label: str = "", y_label: str = "",
              log_x: bool = False, log_y: bool = False) -> None:
        """A line plot: `series` maps a name to its (xs, ys)."""
        self.blocks.append({
            "kind": "lines", "title": title, "x_label": x_label, "y_label": y_label, "log_x": log_x, "log_y": log_y,
            "series": {name: {"x": _plain(xs), "y": _plain(ys)} for name, (xs, ys) in series.items()},
        })

    def heatmap(self, title: str, matrix, row_labels: list[str], col_labels: list[str]) -> None:
        """A matrix drawn as shaded cells, e.g. attention weights (rows: queries, columns: keys)."""
        self.blocks.append({"kind": "heatmap", "title": title, "matrix": _plain(matrix),
                            "row_labels": list(row_labels), "col_labels": list(col_labels)})

    def scatter(self, title: str, points, labels: list[str], *, labelled: list[str] | None = None, vectors=None,
                digits: int = 3, about: str = "", noun: str = "point") -> None:
        """Labelled points on a plane, e.g. a PCA map of embeddings: `points` (N, 2), one label each.

        `labelled` names the points written on the full map (the others are dots). With
        `vectors` (N, dim), rows of length 1 rounded to `digits` decimals, the app answers the
        learner's neighbour and analogy queries on them by cosine, without torch. `noun` names
        what a point is ("word"), for the app's messages.
        """
        block = {"kind": "scatter", "title": title, "about": about, "noun": noun, "labels": list(labels),
                 "points": [[round(float(x), 4), round(float(y), 4)] for x, y in _plain(points)],
                 "labelled": list(labels if labelled is None else labelled)}
        if vectors is not None:
            block["vectors"] = [[round(value, digits) for value in row] for row in _plain(vectors)]
        self.blocks.append(block)

    def result(self) -> dict:
        return {"seed": self.seed, "implementations": self.implementations, "blocks": self.blocks,
                "seconds": round(time.monotonic() - self._started, 2)}

