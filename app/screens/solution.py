"""The reference solution of one exercise; `a` writes it into the learner's file."""

from __future__ import annotations

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from app.engine.course import Exercise
from app.screens.confirm import ConfirmScreen


class SolutionScreen(ModalScreen[bool]):
    """Dismisses with True when the learner chose to apply the solution (and confirmed)."""

    CSS_PATH = "solution.tcss"
    BINDINGS = [
        Binding("a", "apply", "Apply solution"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, exercise: Exercise, source: str) -> None:
        super().__init__()
        self.exercise = exercise
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"Solution · {self.exercise.title}"
            dialog.border_subtitle = "a apply · esc close"
            with VerticalScroll(id="code"):
                yield Static(Syntax(self.source, "python", line_numbers=True, word_wrap=True, theme="ansi_dark"))
        yield Footer()

    def action_apply(self) -> None:
        question = (
            f"Replace {self.exercise.target} in {self.exercise.file} with this solution? "
            "Your current file is backed up first."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(True)

        self.app.push_screen(ConfirmScreen(question, yes="Apply"), answered)

    def action_close(self) -> None:
        self.dismiss(False)
