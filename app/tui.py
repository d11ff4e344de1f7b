"""The Textual app: a thin shell around the course screen.

`create_app` builds it from its dependencies (workspace, lessons folder, grader, how to run
an experiment, how to start training and sampling processes), so tests pass a temporary
workspace and fakes. Only textual and app.engine are imported here: torch loads in the
grader's, the experiments', the trainer's and the sampler's processes, never in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from app.engine.course import LESSONS_DIR
from app.engine.experiments import ExperimentRun
from app.engine.tutor import Tutor
from app.screens.course import CourseScreen
from app.training_control import LocalTraining, sampling_command


class TinyLMApp(App):
    TITLE = "tinylm-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, tutor: Tutor, *, watch: bool = True, experiment_run: Callable[..., ExperimentRun] = ExperimentRun,
                 training=None, sample_command: Callable[..., list[str]] = sampling_command) -> None:
        super().__init__()
        self.tutor = tutor
        self._watch = watch  # False in tests that do not want a file watcher thread
        self._experiment_run = experiment_run
        self.training = training or LocalTraining(tutor.root)  # start / stop / resume workers
        self.sample_command = sample_command  # argv of a sampling process

    def on_mount(self) -> None:
        # pushed, not returned by get_default_screen: only pushed screens load their CSS_PATH
        self.push_screen(CourseScreen(self.tutor, watch=self._watch, experiment_run=self._experiment_run))

    def on_unmount(self) -> None:
        self.tutor.close()  # stops the warm grader process


def create_app(root: Path, *, lessons_dir: Path = LESSONS_DIR, grader=None, watch: bool = True,
               experiment_run: Callable[..., ExperimentRun] = ExperimentRun, training=None,
               sample_command: Callable[..., list[str]] = sampling_command) -> TinyLMApp:
    """The app for the workspace `root`; `grader` defaults to the real, subprocess-based one,
    `experiment_run` (called like ExperimentRun's constructor) to ExperimentRun itself,
    `training` to LocalTraining(root), and `sample_command` to a real sampling process."""
    return TinyLMApp(Tutor(Path(root), lessons_dir, grader=grader), watch=watch, experiment_run=experiment_run,
                     training=training, sample_command=sample_command)


def run_app(root: Path) -> None:
    create_app(root).run()
