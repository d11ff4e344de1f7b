"""The main screen: the course in a tree, the lesson text, the current exercise.

Checks and the file watcher run in threads and come back as messages (app.messages);
the handlers here update the tree and the panel.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from app.commands import CourseCommands
from app.engine.course import Exercise, Experiment, Lesson
from app.engine.experiments import ExperimentRun
from app.engine.grader import GraderError
from app.engine.tutor import SolutionLocked, Tutor
from app.engine.watch import saved_learner_files
from app.messages import CheckError, CheckFinished, LearnerFileSaved
from app.screens.confirm import ConfirmScreen
from app.screens.experiment import ExperimentScreen
from app.screens.solution import SolutionScreen
from app.widgets.exercise_panel import ExercisePanel, ExerciseView
from app.widgets.lesson_tree import LessonTree
from app.widgets.lesson_view import LessonView


FIRST_PAINT_S = 0.05  # the lesson text is laid out after the first frame has gone out


def _signature(path: Path) -> tuple[int, int] | None:
    """What changes when a file is saved: a check is skipped when this has not."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class CourseScreen(Screen):
    CSS_PATH = "course.tcss"
    COMMANDS = {CourseCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    BINDINGS = [
        Binding("h", "hint", "Hint"),
        Binding("r", "check", "Check"),
        Binding("e", "edit", "Edit"),
        Binding("x", "reset", "Reset"),
        Binding("n", "next", "Next"),
        Binding("s", "solution", "Solution"),
        Binding("t", "training", "Training"),
    ]

    def __init__(self, tutor: Tutor, *, watch: bool = True, experiment_run: Callable[..., ExperimentRun] = ExperimentRun) -> None:
        super().__init__()
        self.tutor = tutor
        self._watch = watch
        self.experiment_run = experiment_run  # ExperimentRun, or a fake with its signature
        self.exercise: Exercise | None = tutor.current_exercise()
        self.lesson: Lesson | None = None  # the lesson whose text is shown
        self._checked = {}  # exercise id -> the file signature its last check saw
        self._checking: str | None = None  # the exercise whose check is running
        self._stop = threading.Event()

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        progress = self.tutor.progress()
        statuses = {exercise_id: entry.status for exercise_id, entry in progress.exercises.items()}
        yield Header()
        with Horizontal(id="body"):
            yield LessonTree(self.tutor.course, statuses, id="sidebar")
            with Vertical(id="main"):
                yield LessonView(id="lesson")
                yield ExercisePanel(id="panel")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one(LessonTree)
        tree.auto_expand = False
        tree.focus()
        if self.exercise is not None:
            tree.mark_current(self.exercise)
            self.refresh_panel()
        lesson = self.tutor.course.lesson(self.exercise.lesson) if self.exercise else next(iter(self.tutor.course.lessons), None)
        if lesson is not None:
            self.sub_title = lesson.heading
            # a long lesson is hundreds of widgets: paint the screen first, then the text
            self.set_timer(FIRST_PAINT_S, lambda: self.show_lesson(lesson))
        if warning := self.tutor.store.warning:
            self.notify(warning, severity="warning", timeout=10)
        grader = self.tutor.grader  # created here, before two threads could race to create it
        self.warm_up(grader)
        if self._watch:
            self.watch_learner_files()

    def on_unmount(self) -> None:
        self._stop.set()

    # -- what is shown ----------------------------------------------------------------------

    def show_lesson(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.sub_title = lesson.heading
        try:
            text = lesson.text
        except OSError as error:
            text = f"# {lesson.heading}\n\nThe lesson text could not be read: {error}"
        self.query_one(LessonView).show(text)

    def open_lesson(self, lesson: Lesson) -> None:
        """Show `lesson` and put the tree's cursor on it."""
        self.show_lesson(lesson)
        self.query_one(LessonTree).move_to_lesson(lesson)

    def go_to_exercise(self, exercise: Exercise) -> None:
        """Make `exercise` current and show its lesson."""
        self.tutor.set_current(exercise)
        self.exercise = exercise
        if self.lesson is None or self.lesson.slug != exercise.lesson:
            self.show_lesson(self.tutor.course.lesson(exercise.lesson))
        self.query_one(LessonTree).mark_current(exercise)
        self.refresh_panel()

    def exercise_view(self, exercise: Exercise, **changes) -> ExerciseView:
        lesson = self.tutor.course.lesson(exercise.lesson)
        entry = self.tutor.progress().of(exercise.id)
        view = ExerciseView(
            exercise=exercise,
            lesson_number=lesson.number,
            status=entry.status,
            summary=entry.summary,
            hints=tuple(self.tutor.revealed_hints(exercise)),
            hint_total=len(exercise.hints),
            position=(lesson.exercises.index(exercise) + 1, len(lesson.exercises)),
        )
        if result := self.tutor.last_result(exercise):
            view = view.with_result(result)
        return replace(view, checking=exercise.id == self._checking, **changes)

    def refresh_panel(self, **changes) -> None:
        panel = self.query_one(ExercisePanel)
        panel.view = self.exercise_view(self.exercise, **changes) if self.exercise else None

    # -- checking ---------------------------------------------------------------------------

    def start_check(self, exercise: Exercise) -> None:
        self._checked[exercise.id] = _signature(self.tutor.workspace.learner_file(exercise))
        self._checking = exercise.id
        if exercise == self.exercise:
            self.refresh_panel()
        self.run_check(exercise)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def run_check(self, exercise: Exercise) -> None:
        worker = get_current_worker()
        try:
            message = CheckFinished(self.tutor.check(exercise))
        except GraderError as error:
            message = CheckError(exercise, str(error))
        except Exception as error:  # the app stays up whatever the grader does
            message = CheckError(exercise, f"{type(error).__name__}: {error}")
        if not worker.is_cancelled:
            self.post_message(message)

    def on_check_finished(self, message: CheckFinished) -> None:
        result = message.result
        if self._checking == result.exercise_id:
            self._checking = None
        self.query_one(LessonTree).set_status(result.exercise_id, result.status.value)
        if self.exercise and result.exercise_id == self.exercise.id:
            self.refresh_panel()

    def on_check_error(self, message: CheckError) -> None:
        first_line = (message.error.strip().splitlines() or ["unknown error"])[0]
        if self._checking == message.exercise.id:
            self._checking = None
        if self.exercise == message.exercise:
            self.refresh_panel(error=first_line)
        self.notify(first_line, title="The check could not run", severity="error")

    # -- background threads -----------------------------------------------------------------

    @work(thread=True, group="warm-up", exit_on_error=False)
    def warm_up(self, grader) -> None:
        grader.warm_up()

    @work(thread=True, group="watch", exit_on_error=False)
    def watch_learner_files(self) -> None:
        try:
            for paths in saved_learner_files(self.tutor.root, self._stop):
                self.post_message(LearnerFileSaved(paths))
        except Exception as error:  # no core/ folder, or the OS ran out of watches
            if not self._stop.is_set():
                self.app.call_from_thread(
                    self.notify, f"Not watching core/ for saves ({error}); press r to check.", severity="warning"
                )

    def on_learner_file_saved(self, message: LearnerFileSaved) -> None:
        exercise = self.exercise
        if exercise is None:
            return
        path = self.tutor.workspace.learner_file(exercise).resolve()
        if path in message.paths and _signature(path) != self._checked.get(exercise.id):
            self.start_check(exercise)

    # -- the tree -----------------------------------------------------------------------------

    def on_lesson_tree_lesson_selected(self, message: LessonTree.LessonSelected) -> None:
        self.show_lesson(message.lesson)

    def on_lesson_tree_exercise_selected(self, message: LessonTree.ExerciseSelected) -> None:
        self.go_to_exercise(message.exercise)

    def on_lesson_tree_experiment_selected(self, message: LessonTree.ExperimentSelected) -> None:
        self.open_experiment(message.experiment)

    # -- experiments ------------------------------------------------------------------------

    def new_experiment_run(self, experiment: Experiment) -> ExperimentRun:
        """A run that uses the learner's code for the exercises that pass right now."""
        tutor = self.tutor
        return self.experiment_run(tutor.root, tutor.course, experiment, tutor.progress())

    def open_experiment(self, experiment: Experiment) -> None:
        self.app.push_screen(ExperimentScreen(experiment, partial(self.new_experiment_run, experiment)))

    # -- actions (bindings and the command palette) -----------------------------------------

    def _attempt(self, title: str, action, *args):
        """`action(*args)`, or None after telling the learner why it failed: the app stays up."""
        try:
            return action(*args)
        except Exception as error:
            self.notify(f"{type(error).__name__}: {error}", title=title, severity="error", timeout=10)
            return None

    def _require_exercise(self) -> Exercise | None:
        if self.exercise is None:
            self.notify("This course has no exercises yet.", severity="warning")
        return self.exercise

    def action_check(self) -> None:
        if exercise := self._require_exercise():
            self.start_check(exercise)

    def action_hint(self) -> None:
        if not (exercise := self._require_exercise()):
            return
        if not exercise.hints:
            self.notify("This exercise has no hints.")
        elif self.tutor.reveal_hint(exercise) is None:
            self.notify(f"All {len(exercise.hints)} hints are already shown.")
        self.refresh_panel()

    def action_training(self) -> None:
        from app.screens.training import TrainingScreen  # its charts load plotext: most of a second, not at start

        self.app.push_screen(TrainingScreen(self.tutor.root, self.app.training))

    def action_next(self) -> None:
        if not (exercise := self._require_exercise()):
            return
        following = self.tutor.course.next_exercise(exercise.id)
        if following is None:
            self.notify("That was the last exercise of the course.")
        else:
            self.go_to_exercise(following)

    def action_reset(self) -> None:
        if not (exercise := self._require_exercise()):
            return
        question = (
            f"Reset {exercise.target} in {exercise.file} to its stub? "
            "Your current file is backed up under .tinylm/backups first."
        )

        def answered(yes: bool | None) -> None:
            if yes and (done := self._attempt("Reset failed", self.tutor.reset, exercise)):
                self.notify(done, title="Reset", timeout=10)
                self.start_check(exercise)

        self.app.push_screen(ConfirmScreen(question, yes="Reset"), answered)

    def action_solution(self) -> None:
        if not (exercise := self._require_exercise()):
            return
        try:
            source = self.tutor.solution(exercise)
        except SolutionLocked as locked:
            self.notify(str(locked), title="Solution locked", severity="warning")
            return
        except Exception as error:  # a missing or broken reference.py
            self.notify(f"{type(error).__name__}: {error}", title="No solution to show", severity="error")
            return

        def closed(apply: bool | None) -> None:
            if apply and (done := self._attempt("Applying the solution failed", self.tutor.apply_solution, exercise)):
                self.notify(done, title="Solution applied", timeout=10)
                self.start_check(exercise)

        self.app.push_screen(SolutionScreen(exercise, source), closed)

    def action_edit(self) -> None:
        if not (exercise := self._require_exercise()):
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        path = self.tutor.workspace.learner_file(exercise)
        try:
            with self.app.suspend():
                subprocess.call([*shlex.split(editor), str(path)])
        except SuspendNotSupported:
            self.notify(f"This terminal cannot hand over to an editor; open {exercise.file} yourself.", severity="warning")
            return
        except OSError as error:
            self.notify(f"Could not start {editor!r}: {error}. Set $EDITOR.", severity="error")
            return
        if _signature(path) != self._checked.get(exercise.id):
            self.start_check(exercise)
