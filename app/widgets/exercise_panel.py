"""The current exercise: what to write, the last verdict check by check, hints, output."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from app.engine.course import Exercise
from app.engine.results import CheckResult, ExerciseResult
from app.widgets.lesson_tree import FAILED, PASSED, status_mark


@dataclass(frozen=True)
class ExerciseView:
    """Everything the panel shows; the screen builds a new one for every change."""

    exercise: Exercise
    lesson_number: str  # "12.1"
    status: str  # a results.Status value, or "untried"
    summary: str  # the last verdict's one line ("" before the first check)
    checks: tuple[CheckResult, ...] = ()  # from a check run in this session
    output: str = ""  # what the learner's code printed
    hints: tuple[str, ...] = ()  # the hints revealed so far
    hint_total: int = 0
    checking: bool = False
    error: str | None = None  # the grader itself failed
    position: tuple[int, int] = (1, 1)  # exercise 1 of 3 in its lesson

    def with_result(self, result: ExerciseResult) -> ExerciseView:
        return replace(self, status=result.status.value, summary=result.summary, checks=tuple(result.checks),
                        output=result.output, checking=False, error=None)


def _shape(shape: list[int]) -> str:
    return "(" + ", ".join(map(str, shape)) + ")"


def check_body(check: CheckResult) -> Content:
    """Name, then (for a failure) the diagnosis, the message, max |Δ| and mismatched shapes."""
    lines = [Content.from_markup("[b]$name[/b]" if not check.passed else "$name", name=check.name)]
    if check.diagnosis:
        lines.append(Content.from_markup("[$error]$diagnosis[/]", diagnosis=check.diagnosis))
    if check.message and not check.passed:
        lines.append(Content.from_markup("[dim]$message[/]", message=check.message))
    details = []
    if check.max_abs_diff is not None and not check.passed and "max |Δ|" not in check.message:
        details.append(f"max |Δ| {check.max_abs_diff:.3g}")
    shapes = check.shapes or {}
    if shapes.get("got") is not None and shapes.get("got") != shapes.get("expected"):
        got, expected = _shape(shapes["got"]), _shape(shapes["expected"])
        if f"{got}, expected {expected}" not in check.message:  # the message may say it already
            details.append(f"shape {got}, expected {expected}")
    if details:
        lines.append(Content.from_markup("[dim]$details[/]", details=" · ".join(details)))
    return Content("\n").join(lines)


class ExercisePanel(VerticalScroll):
    """Shows an ExerciseView; set `view` to change it."""

    view: reactive[ExerciseView | None] = reactive(None, recompose=True)

    def watch_view(self, view: ExerciseView | None) -> None:
        if view is None:
            self.border_title = "No exercise"
            return
        number, total = view.position
        self.border_title = f"{view.lesson_number} · {view.exercise.title} ({number}/{total})"

    def compose(self) -> ComposeResult:
        view = self.view
        if view is None:
            yield Static("This course has no exercises yet.", classes="status")
            return
        yield Static(Content(f"{view.exercise.file} · {view.exercise.id}"), classes="where")
        yield from self._status(view)
        for check in view.checks:
            passed = PASSED if check.passed else FAILED
            with Horizontal(classes="check " + ("-passed" if check.passed else "-failed")):
                yield Static(passed, classes="mark")
                yield Static(check_body(check), classes="body")
        for number, hint in enumerate(view.hints, 1):
            yield Static(
                Content.from_markup("[b]Hint $n/$total[/b]  $hint", n=number, total=view.hint_total, hint=hint),
                classes="hint",
            )
        if view.output.strip():
            yield Static("Your code printed:", classes="output-label")
            yield Static(Content(view.output.rstrip()), classes="output")

    def _status(self, view: ExerciseView) -> ComposeResult:
        if view.error:
            yield Static(Content.from_markup("✗ grader error: $error", error=view.error), classes="status -error")
        if view.checking:
            yield Static("⋯ checking…", classes="status -checking")
        elif not view.summary:
            yield Static(
                Content.from_markup("· not checked yet: save [b]$file[/b] or press [b]r[/b]", file=view.exercise.file),
                classes="status -untried",
            )
        else:
            mark = status_mark(view.status)
            css = {PASSED: "-passed", FAILED: "-failed"}.get(mark, "-untried")
            yield Static(Content(f"{mark} {view.summary}"), classes=f"status {css}")
            if mark == PASSED:
                yield Static("press n for the next exercise", classes="next")
