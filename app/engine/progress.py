"""The learner's progress: `.tinylm/progress.json`, small, gitignored, written atomically.

Shared by the app and the CLI, so each change reloads, updates and saves the file.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.engine.files import replace_file
from app.engine.results import ExerciseResult, Status

FAILED_ATTEMPTS_BEFORE_SOLUTION = 3


@dataclass
class ExerciseProgress:
    status: str = "untried"  # a results.Status value once checked
    failed_attempts: int = 0  # checks that ran the learner's code and did not pass
    passed_once: bool = False
    hints_revealed: int = 0
    summary: str = ""  # the last verdict's one line
    last_failed_source: str = ""  # sha256 of the file at the last failed attempt


@dataclass
class Progress:
    current: str | None = None
    exercises: dict[str, ExerciseProgress] = field(default_factory=dict)

    def of(self, exercise_id: str) -> ExerciseProgress:
        return self.exercises.setdefault(exercise_id, ExerciseProgress())

    def record(self, result: ExerciseResult, source_hash: str) -> None:
        """Note a verdict; re-checking an unchanged failing file is not another attempt."""
        entry = self.of(result.exercise_id)
        entry.status = result.status.value
        entry.summary = result.summary
        if result.passed:
            entry.passed_once = True
        elif result.status is not Status.NOT_IMPLEMENTED and source_hash != entry.last_failed_source:
            entry.failed_attempts += 1
            entry.last_failed_source = source_hash

    def solution_unlocked(self, exercise_id: str) -> bool:
        entry = self.of(exercise_id)
        return entry.passed_once or entry.failed_attempts >= FAILED_ATTEMPTS_BEFORE_SOLUTION

    def solution_lock_reason(self, exercise_id: str) -> str:
        attempts = self.of(exercise_id).failed_attempts
        return (
            f"the solution unlocks once the exercise passes or after {FAILED_ATTEMPTS_BEFORE_SOLUTION} "
            f"failed attempts ({attempts} so far)"
        )


class ProgressStore:
    """Loads and saves Progress; a corrupt file is set aside, never lost.

    `update` holds a thread lock and a file lock from load to save, so a check finishing
    in a worker thread, a hint revealed in the app and a CLI command in another terminal
    never undo each other's change.
    """

    def __init__(self, path: Path):
        self.path = path
        self.warning: str | None = None  # set when the file on disk could not be read
        self._lock = threading.Lock()

    @contextmanager
    def _locked(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path.with_suffix(".lock"), "w") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            yield

    def update(self, change: Callable[[Progress], None]) -> Progress:
        with self._locked():
            progress = self.load()
            change(progress)
            self.save(progress)
            return progress

    def load(self) -> Progress:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Progress(
                current=data.get("current"),
                exercises={key: ExerciseProgress(**value) for key, value in data.get("exercises", {}).items()},
            )
        except FileNotFoundError:
            return Progress()
        except (ValueError, TypeError, AttributeError) as error:
            kept = self.path.with_suffix(".corrupt.json")
            os.replace(self.path, kept)
            self.warning = f"{self.path.name} was unreadable ({type(error).__name__}); kept as {kept.name}, starting fresh"
            return Progress()

    def save(self, progress: Progress) -> None:
        replace_file(self.path, json.dumps(asdict(progress), indent=2) + "\n")
