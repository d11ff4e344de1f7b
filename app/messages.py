"""Messages that cross between screens, widgets and worker threads.

A widget's own messages are nested classes on the widget (`LessonTree.ExerciseSelected`);
the ones here are posted from threads (the file watcher, a check, an experiment) and
handled by screens.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from app.engine.course import Exercise
from app.engine.child_job import JobProgress
from app.engine.results import ExerciseResult


class LearnerFileSaved(Message):
    """The watcher saw the learner save one or more `core/*.py` files."""

    def __init__(self, paths: set[Path]) -> None:
        super().__init__()
        self.paths = paths


class CheckFinished(Message):
    """A check ran to a verdict (passed or not)."""

    def __init__(self, result: ExerciseResult) -> None:
        super().__init__()
        self.result = result


class CheckError(Message):
    """The grader itself could not run the check (not the learner's code failing)."""

    def __init__(self, exercise: Exercise, error: str) -> None:
        super().__init__()
        self.exercise = exercise
        self.error = error


class ExperimentProgressed(Message):
    """An experiment running in its child process reported how far it got."""

    def __init__(self, progress: JobProgress) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ExperimentProgressed)  # only the latest matters


class ExperimentFinished(Message):
    """An experiment ran to a result, or `result` is None: it was cancelled."""

    def __init__(self, result: dict | None) -> None:
        super().__init__()
        self.result = result


class ExperimentError(Message):
    """An experiment failed; `error` is one line."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class RunPolled(Message):
    """The runs there are, and what is new in the directory of the one shown (a `RunUpdate`,
    None when none is shown), read off the event loop."""

    def __init__(self, run_names: list[str], run_name: str | None, update) -> None:
        super().__init__()
        self.run_names = run_names
        self.run_name = run_name
        self.update = update


class TrainingActionDone(Message):
    """Start, stop or resume finished: `outcome` (a run name or a message) or a one-line `error`."""

    def __init__(self, action: str, outcome: str | None, error: str | None) -> None:
        super().__init__()
        self.action = action
        self.outcome = outcome
        self.error = error


class SampleText(Message):
    """Text a sampling process produced for one column, or its end (`done`) or a one-line `error`."""

    def __init__(self, column: int, text: str = "", *, done: bool = False, error: str | None = None) -> None:
        super().__init__()
        self.column = column
        self.text = text
        self.done = done
        self.error = error
