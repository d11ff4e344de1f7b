"""The learner's side of the repository: `core/` files, backups, reset and apply-solution.

Every change to a learner file is preceded by a backup under `.tinylm/backups/`, and the
caller gets the backup's path to tell the learner where their code went.
"""

from __future__ import annotations

import ast
import shutil
import time
from pathlib import Path

from app.engine.course import Course, Exercise
from app.engine.stubs import definition_source, find_definition, module_header, replace_definition, stub_source

REPO_ROOT = Path(__file__).resolve().parents[2]


class WorkspaceError(Exception):
    pass


class Workspace:
    def __init__(self, root: Path, course: Course):
        self.root = root
        self.course = course
        self.state_dir = root / ".tinylm"

    def learner_file(self, exercise: Exercise) -> Path:
        return self.root / exercise.file

    def reference_source(self, exercise: Exercise) -> str:
        return (self.course.lesson(exercise.lesson).path / "reference.py").read_text(encoding="utf-8")

    def solution(self, exercise: Exercise) -> str:
        """The reference's definition of the exercise's target, as the learner would write it."""
        source = self.reference_source(exercise)
        return definition_source(source, find_definition(ast.parse(source), exercise.target))

    def stub(self, exercise: Exercise) -> str:
        return stub_source(self.reference_source(exercise), exercise.target)

    def _learner_file(self, exercise: Exercise, definition_of) -> str:
        """The learner file holding `exercise`: the reference's header (the imports and constants
        the file's targets use: a lesson may split its reference across files), then each target."""
        exercises = [ex for ex in self.course.exercises if ex.file == exercise.file]
        renamed = {f"lessons.{ex.lesson}.reference": ex.module for ex in self.course.exercises}
        header = module_header(self.reference_source(exercise), renamed, [ex.target for ex in exercises])
        parts = [header, *(definition_of(ex) for ex in exercises)] if header else [definition_of(ex) for ex in exercises]
        return "\n\n\n".join(parts) + "\n"

    def shipped_file(self, exercise: Exercise) -> str:
        """The learner file as the course ships it: every exercise in it a stub."""
        return self._learner_file(exercise, self.stub)

    def solved_file(self, exercise: Exercise) -> str:
        """The learner file with every exercise in it solved by the reference."""
        return self._learner_file(exercise, self.solution)

    def backup(self, exercise: Exercise) -> Path | None:
        source = self.learner_file(exercise)
        if not source.exists():
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.state_dir / "backups" / f"{stamp}-{source.name}"
        counter = 1
        while backup.exists():
            backup = backup.with_name(f"{stamp}.{counter}-{source.name}")
            counter += 1
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, backup)
        return backup

    def _replace_target(self, exercise: Exercise, new_definition: str) -> Path | None:
        """Swap the target's definition in the learner's file; returns the backup's path.

        A file that no longer parses is replaced whole by the shipped file (the backup
        keeps it), with `new_definition` in place of the target.
        """
        path = self.learner_file(exercise)
        backup = self.backup(exercise)
        try:
            current = path.read_text(encoding="utf-8")
            updated = replace_definition(current, exercise.target, new_definition)
        except (FileNotFoundError, SyntaxError, UnicodeDecodeError, ValueError):
            updated = replace_definition(self.shipped_file(exercise), exercise.target, new_definition)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".py.tmp")
        temporary.write_text(updated, encoding="utf-8")
        temporary.replace(path)
        return backup

    def reset(self, exercise: Exercise) -> Path | None:
        return self._replace_target(exercise, self.stub(exercise))

    def apply_solution(self, exercise: Exercise) -> Path | None:
        return self._replace_target(exercise, self.solution(exercise))


def describe_backup(backup: Path | None, root: Path) -> str:
    if backup is None:
        return "there was no file to back up"
    try:
        return f"your previous file is saved as {backup.relative_to(root)}"
    except ValueError:
        return f"your previous file is saved as {backup}"
