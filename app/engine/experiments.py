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
import shutil
from pathlib import Path

from app.engine.child_job import ChildJob
from app.engine.course import Course, Experiment
from app.engine.progress import Progress, file_sha256
from app.engine.runs import runs_root

REPO_ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT_FACTOR = 5  # an experiment is stopped at this multiple of its budget


class ExperimentFailed(Exception):
    pass


def learner_exercises(root: Path, course: Course, progress: Progress, experiment: Experiment) -> list[str]:
    """The exercises the experiment uses whose learner code passes as it is now: those run as the learner's."""
    return [exercise_id for exercise_id in experiment.uses
            if progress.passes(exercise_id, file_sha256(root / course.exercise(exercise_id).file))]


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


class ExperimentRun(ChildJob):
    """One run of one experiment; `result()` blocks until it finishes (call it off the UI thread)."""

    module = "app.engine.experiment_worker"
    result_name = "result.json"

    def __init__(self, root: Path, course: Course, experiment: Experiment, progress: Progress, seed: int = 0,
                 options: dict | None = None):
        self.root = root.resolve()
        self.experiment = experiment
        self.seed = seed
        self.options = options or {}  # keyword arguments for the experiment function (tests shrink runs with them)
        self.learners = learner_exercises(self.root, course, progress, experiment)
        key = _cache_key(self.root, course, experiment, seed, self.learners, self.options)
        self.folder = self.root / ".tinylm" / "experiments" / f"{experiment.id}-{key}"
        self.time_limit_s = experiment.budget_s * TIME_LIMIT_FACTOR

    def job(self) -> dict:
        return {
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

    def clear(self) -> None:
        """A cancelled or failed run leaves nothing: a later `result()` starts afresh."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def failure(self, message: str) -> Exception:
        return ExperimentFailed(f"{self.experiment.title} failed: {message}")
