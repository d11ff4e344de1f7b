"""One engine behind the app and the CLI: check, hint, reset, solution, progress.

Every action reloads progress from disk before changing it, so the app and a
`tinylm-tui` command in another terminal never undo each other.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.engine.course import LESSONS_DIR, Course, CourseError, Exercise, load_course
from app.engine.grader import Grader
from app.engine.progress import Progress, ProgressStore, file_sha256
from app.engine.results import ExerciseResult
from app.engine.workspace import Workspace, describe_backup


class SolutionLocked(Exception):
    pass


class Tutor:
    def __init__(self, root: Path, lessons_dir: Path = LESSONS_DIR, grader: Grader | None = None):
        self.root = root.resolve()
        self.course: Course = load_course(lessons_dir)
        self.workspace = Workspace(self.root, self.course)
        self.store = ProgressStore(self.root / ".tinylm" / "progress.json")
        self._results_dir = self.root / ".tinylm" / "results"
        self._grader = grader

    @property
    def grader(self) -> Grader:
        if self._grader is None:
            self._grader = Grader(self.root)
        return self._grader

    def progress(self) -> Progress:
        return self.store.load()

    def _update(self, change) -> Progress:
        return self.store.update(change)

    def current_exercise(self) -> Exercise | None:
        current = self.progress().current
        try:
            return self.course.exercise(current) if current else self.course.next_exercise(None)
        except CourseError:  # an exercise id from an older course
            return self.course.next_exercise(None)

    def set_current(self, exercise: Exercise) -> None:
        self._update(lambda progress: setattr(progress, "current", exercise.id))

    def check(self, exercise: Exercise, *, prepare_next: bool = True) -> ExerciseResult:
        result = self.grader.grade(exercise, prepare_next=prepare_next)
        self.store.record(result)
        self._results_dir.mkdir(parents=True, exist_ok=True)
        saved = self._results_dir / f"{exercise.id}.json"
        saved.with_suffix(".tmp").write_text(json.dumps(result.to_json(), ensure_ascii=False), encoding="utf-8")
        saved.with_suffix(".tmp").replace(saved)
        return result

    def last_result(self, exercise: Exercise) -> ExerciseResult | None:
        """The last check's full result, kept across restarts; None if unreadable or never run."""
        try:
            return ExerciseResult.from_json(json.loads((self._results_dir / f"{exercise.id}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def revealed_hints(self, exercise: Exercise) -> list[str]:
        return list(exercise.hints[: self.progress().of(exercise.id).hints_revealed])

    def reveal_hint(self, exercise: Exercise) -> str | None:
        """The next hint, or None when every hint is already shown."""
        revealed = self.progress().of(exercise.id).hints_revealed
        if revealed >= len(exercise.hints):
            return None
        self._update(lambda progress: setattr(progress.of(exercise.id), "hints_revealed", revealed + 1))
        return exercise.hints[revealed]

    def solution(self, exercise: Exercise) -> str:
        progress = self.progress()
        if not progress.solution_unlocked(exercise.id, file_sha256(self.workspace.learner_file(exercise))):
            raise SolutionLocked(progress.solution_lock_reason(exercise.id, exercise.file))
        return self.workspace.solution(exercise)

    def apply_solution(self, exercise: Exercise) -> str:
        self.solution(exercise)  # raises while locked
        backup = self.workspace.apply_solution(exercise)
        return f"wrote the solution of {exercise.target} into {exercise.file}; {describe_backup(backup, self.root)}"

    def reset(self, exercise: Exercise) -> str:
        backup = self.workspace.reset(exercise)
        return f"reset {exercise.target} in {exercise.file} to its stub; {describe_backup(backup, self.root)}"

    def close(self) -> None:
        if self._grader is not None:
            self._grader.close()
