"""A run at a glance, from what its directory holds: where it is, how fast it goes, when it ends.

Shared by the dashboard and `tinylm-tui status`; plain Python, no torch. `RunTail` reads only
what is new since its last poll, so watching an overnight run costs the same at step 50,000
as at step 50.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from app.engine.runs import JsonlTail, RunDirectory, RunError

RATE_WINDOW = 20  # logged rows the speed and ETA are measured over: recent, but not jumpy


def ema(values: list[float], weight: float = 0.9) -> list[float]:
    """Exponential moving average with the start-up bias removed (as TensorBoard's smoothing):
    [2, 2, 2] stays [2, 2, 2] instead of creeping up from 0."""
    smoothed, average = [], 0.0
    for count, value in enumerate(values, start=1):
        average = weight * average + (1 - weight) * value
        smoothed.append(average / (1 - weight**count))
    return smoothed


def duration(seconds: float | None) -> str:
    """'48 s', '12 min', '3 h 05 min'; '–' when unknown."""
    if seconds is None or not math.isfinite(seconds):
        return "–"
    seconds = max(0, round(seconds))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes:02d} min"


@dataclass
class RunSummary:
    state: str
    step: int
    max_steps: int
    message: str = ""
    device: str = ""
    train_loss: float | None = None  # the latest batch's
    val_loss: float | None = None  # the latest eval's
    best_val_loss: float | None = None
    lr: float | None = None
    grad_norm: float | None = None
    tokens_per_s: float | None = None  # over the last RATE_WINDOW rows
    elapsed_s: float | None = None
    eta_s: float | None = None  # while running
    memory_mb: float | None = None

    @property
    def fraction(self) -> float:
        return min(1.0, self.step / self.max_steps) if self.max_steps else 0.0


def summarise(config: dict, status: dict, rows: list[dict]) -> RunSummary:
    max_steps = int(status.get("max_steps") or config.get("train", {}).get("max_steps") or 0)
    step = int(rows[-1]["step"]) if rows else int(status.get("step") or 0)
    evals = [row["val_loss"] for row in rows if row.get("val_loss") is not None]
    summary = RunSummary(
        state=status.get("state", "starting"), step=step, max_steps=max_steps, message=status.get("message", ""),
        device=status.get("device") or config.get("device", ""), memory_mb=status.get("memory_mb"),
        val_loss=evals[-1] if evals else None, best_val_loss=min(evals) if evals else None,
    )
    if rows:
        last = rows[-1]
        summary.train_loss, summary.lr, summary.grad_norm = last.get("train_loss"), last.get("lr"), last.get("grad_norm")
        summary.elapsed_s = last.get("elapsed_s")
        recent = [row for row in rows[-RATE_WINDOW:] if row.get("tokens_per_s")]
        if recent:
            summary.tokens_per_s = sum(row["tokens_per_s"] for row in recent) / len(recent)
        window = [row for row in rows[-RATE_WINDOW:] if row.get("elapsed_s") is not None]
        if summary.state == "running" and len(window) >= 2 and window[-1]["step"] > window[0]["step"]:
            seconds_per_step = (window[-1]["elapsed_s"] - window[0]["elapsed_s"]) / (window[-1]["step"] - window[0]["step"])
            summary.eta_s = max(0.0, (max_steps - step) * seconds_per_step)
    return summary


@dataclass
class RunUpdate:
    """What changed in a run directory since the last poll."""

    config: dict
    status: dict
    metrics: list[dict]  # new rows (all rows when `restarted`)
    samples: list[dict]
    restarted: bool  # the files were rewritten (a resume): drop what was shown
    attention: dict | None  # a newer attention snapshot, or None when unchanged
    error: str | None = None  # the run cannot be read; one line


@dataclass
class RunTail:
    run: RunDirectory
    _metrics: JsonlTail = field(init=False)
    _samples: JsonlTail = field(init=False)
    _attention_file: Path | None = field(default=None, init=False)
    _config: dict | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self._metrics = JsonlTail(self.run.metrics_path)
        self._samples = JsonlTail(self.run.samples_path)

    def poll(self) -> RunUpdate:
        try:
            self._config = self._config or self.run.config()
        except RunError as error:
            return RunUpdate({}, {}, [], [], False, None, error=str(error))
        metrics = self._metrics.read_new()
        samples = self._samples.read_new()
        restarted = self._metrics.restarted or self._samples.restarted
        if restarted:  # both files were cut back together: read both again from the start
            self._metrics, self._samples = JsonlTail(self.run.metrics_path), JsonlTail(self.run.samples_path)
            metrics, samples = self._metrics.read_new(), self._samples.read_new()
        attention = None
        files = self.run.attention_files()
        if files and files[-1] != self._attention_file:
            attention = self.run.latest_attention()
            self._attention_file = files[-1]
        return RunUpdate(self._config, self.run.status(), metrics, samples, restarted, attention)
