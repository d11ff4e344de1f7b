"""The Textual app: a thin shell around the course screen.

`create_app` builds it from its dependencies (workspace, lessons folder, grader), so tests
pass a temporary workspace and a fake grader. Only textual and app.engine are imported
here: torch loads in the grader's child process, never in the app.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from app.engine.course import LESSONS_DIR
from app.engine.tutor import Tutor
from app.screens.course import CourseScreen


class TinyLMApp(App):
    TITLE = "tinylm-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, tutor: Tutor, *, watch: bool = True) -> None:
        super().__init__()
        self.tutor = tutor
        self._watch = watch  # False in tests that do not want a file watcher thread

    def on_mount(self) -> None:
        # pushed, not returned by get_default_screen: only pushed screens load their CSS_PATH
        self.push_screen(CourseScreen(self.tutor, watch=self._watch))

    def on_unmount(self) -> None:
        self.tutor.close()  # stops the warm grader process


def create_app(root: Path, *, lessons_dir: Path = LESSONS_DIR, grader=None, watch: bool = True) -> TinyLMApp:
    """The app for the workspace `root`; `grader` defaults to the real, subprocess-based one."""
    return TinyLMApp(Tutor(Path(root), lessons_dir, grader=grader), watch=watch)


def run_app(root: Path) -> None:
    create_app(root).run()
