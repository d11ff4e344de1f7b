"""The learner's progress: `.tinylm/progress.json`, small, gitignored, written atomically.

Shared by the app and the CLI, so each change reloads, updates and saves the file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.engine.results import ExerciseResult, Status

FAILED_ATTEMPTS_BEFORE_SOLUTION = 3


@dataclass
class ExerciseProgress:
    status: str = "untried"  # a results.Status value once checked
    failed_attempts: int = 0  # checks that ran the learner's code and did not pass
    passed_once: bool = False
    hints_revealed: int = 0
    summary: str = ""  # the last verdict's one line


@dataclass
class Progress:
    current: str | None = None
    exercises: dict[str, ExerciseProgress] = field(default_factory=dict)

    def of(self, exercise_id: str) -> ExerciseProgress:
        return self.exercises.setdefault(exercise_id, ExerciseProgress())

    def record(self, result: ExerciseResult) -> None:
        entry = self.of(result.exercise_id)
        entry.status = result.status.value
        entry.summary = result.summary
        if result.passed:
            entry.passed_once = True
        elif result.status is not Status.NOT_IMPLEMENTED:
            entry.failed_attempts += 1

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
    """Loads and saves Progress; a corrupt file is set aside, never lost."""

    def __init__(self, path: Path):
        self.path = path
        self.warning: str | None = None  # set when the file on disk could not be read

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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(asdict(progress), indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)
