"""Running a lesson's experiment in a child process, with progress, cancel and a cache.

The app never imports torch, so experiments run in `experiment_worker`; this side starts
it, reads its progress file, and returns its result. Results are cached under
`.tinylm/experiments/` by everything that could change them: the experiment's code, the
references, the seed, the corpus it trains on, and the learner's files where the learner's
code is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.engine.course import Course, Experiment
from app.engine.progress import Progress
from app.engine.runs import runs_root

REPO_ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT_FACTOR = 5  # an experiment is stopped at this multiple of its budget


class ExperimentFailed(Exception):
    pass


@dataclass(frozen=True)
class ExperimentProgress:
    fraction: float = 0.0
    message: str = "starting…"
    elapsed_s: float = 0.0


def learner_exercises(course: Course, progress: Progress, experiment: Experiment) -> list[str]:
    """The exercises the experiment uses whose learner code passes: those run as the learner's."""
    return [exercise_id for exercise_id in experiment.uses if progress.of(exercise_id).status == "passed"]


def _cache_key(root: Path, course: Course, experiment: Experiment, seed: int, learners: list[str], options: dict) -> str:
    options_text = json.dumps(options, sort_keys=True)
    digest = hashlib.sha256(f"{experiment.id}|{seed}|{sorted(learners)}|{experiment.corpus}|{options_text}".encode())
    lessons = {experiment.lesson, *(exercise_id.split(".")[0] for exercise_id in experiment.uses)}
    sources = [course.lesson(slug).path / name for slug in sorted(lessons) for name in ("experiments.py", "reference.py")]
    sources.append(REPO_ROOT / "lessons" / "experimenting.py")
    sources += [root / course.exercise(exercise_id).file for exercise_id in sorted(learners)]
    for path in sources:
        digest.update(path.read_bytes() if path.exists() else b"-")
    if experiment.reads_checkpoints:
        for checkpoint in sorted(runs_root(root).glob("*/*.pt")):
            digest.update(f"{checkpoint}|{checkpoint.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


class ExperimentRun:
    """One run of one experiment; `result()` blocks until it finishes (call it off the UI thread)."""

    def __init__(self, root: Path, course: Course, experiment: Experiment, progress: Progress, seed: int = 0,
                 options: dict | None = None):
        self.root = root.resolve()
        self.experiment = experiment
        self.seed = seed
        self.options = options or {}  # keyword arguments for the experiment function (tests shrink runs with them)
        self.learners = learner_exercises(course, progress, experiment)
        key = _cache_key(self.root, course, experiment, seed, self.learners, self.options)
        self.folder = self.root / ".tinylm" / "experiments" / f"{experiment.id}-{key}"
        self._process: subprocess.Popen | None = None

    def cached(self) -> dict | None:
        try:
            return json.loads((self.folder / "result.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def start(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)  # a cancelled or crashed earlier attempt
        self.folder.mkdir(parents=True)
        job = {
            "experiment": self.experiment.id,
            "lesson": self.experiment.lesson,
            "function": self.experiment.function,
            "seed": self.seed,
            "workspace": str(self.root),
            "learner_exercises": self.learners,
            "corpus": self.experiment.corpus,
            "options": self.options,
            "out": str(self.folder),
        }
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), *filter(None, [env.get("PYTHONPATH")])])
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        with open(self.folder / "log.txt", "wb") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "app.engine.experiment_worker", json.dumps(job)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=REPO_ROOT, env=env, start_new_session=True,
            )

    def progress(self) -> ExperimentProgress:
        try:
            lines = (self.folder / "progress.jsonl").read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return ExperimentProgress()
        for line in reversed(lines):
            try:
                return ExperimentProgress(**json.loads(line))
            except (ValueError, TypeError):  # the line being written
                continue
        return ExperimentProgress()

    def cancel(self) -> None:
        """Stop the child and forget it: a later `result()` starts afresh."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        self._process = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def result(self, on_progress: Callable[[ExperimentProgress], None] | None = None,
               cancelled: Callable[[], bool] = lambda: False, poll_s: float = 0.2) -> dict | None:
        """Wait for the result (None if cancelled); raises ExperimentFailed with one line."""
        if (cached := self.cached()) is not None:
            return cached
        if self._process is None:
            self.start()
        limit = self.experiment.budget_s * TIME_LIMIT_FACTOR
        started = time.monotonic()
        while self._process.poll() is None:
            if cancelled():
                self.cancel()
                return None
            if time.monotonic() - started > limit:
                self.cancel()
                raise ExperimentFailed(f"{self.experiment.title} was stopped after {limit:.0f} s")
            if on_progress:
                on_progress(self.progress())
            time.sleep(poll_s)
        if (result := self.cached()) is not None:
            return result
        error = self.folder / "error.txt"
        message = error.read_text(encoding="utf-8").strip() if error.exists() else f"the experiment process exited with status {self._process.returncode}"
        shutil.rmtree(self.folder, ignore_errors=True)
        raise ExperimentFailed(f"{self.experiment.title} failed: {message}")
