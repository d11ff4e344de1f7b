"""A scripted grader and helpers for the app's Pilot and snapshot tests."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from app.engine.course import Exercise
from app.engine.results import CheckResult, ExerciseResult, Status

SDPA = "attention.scaled_dot_product_attention"
# A frozen copy of lesson 12.1's manifest and reference with short lesson texts: the real
# lessons are long (Textual takes a second or two to lay one out) and keep changing.
FIXTURE_COURSE = Path(__file__).resolve().parent / "fixtures" / "course"


class FakeGrader:
    """Returns scripted results per exercise (the last one repeats); records every call."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s
        self.gate: threading.Event | None = None  # when set to an Event, grade() waits for it
        self.scripts: dict[str, list[ExerciseResult | Exception]] = {}
        self.calls: list[str] = []
        self.warmed_up = threading.Event()
        self.closed = False

    def script(self, exercise_id: str, *results: ExerciseResult | Exception) -> FakeGrader:
        self.scripts[exercise_id] = list(results)
        return self

    def warm_up(self) -> None:
        self.warmed_up.set()

    def grade(self, exercise: Exercise, prepare_next: bool = True) -> ExerciseResult:
        self.calls.append(exercise.id)
        time.sleep(self.delay_s)
        if self.gate is not None:
            self.gate.wait(10)
        queue = self.scripts.get(exercise.id)
        if not queue:
            return not_implemented(exercise.id, exercise.target)
        result = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(result, Exception):
            raise result
        return result

    def close(self) -> None:
        self.closed = True


def not_implemented(exercise_id: str, target: str) -> ExerciseResult:
    return ExerciseResult(exercise_id, Status.NOT_IMPLEMENTED, f"{target} still raises NotImplementedError")


def sdpa_failed() -> ExerciseResult:
    """One failed check with a diagnosis, as the real grader reports a missing √d_k."""
    message = "weights [no batch dims, T=4, d_k=8] differ from the reference: max |Δ| 0.412 > atol 1e-05"
    return ExerciseResult(
        SDPA,
        Status.FAILED,
        f"1 of 3 checks fail: scores are not divided by √d_k ({message})",
        [
            CheckResult("out and weights match the reference (batch dims, T_q ≠ T_k, masks)", False, message,
                        diagnosis="scores are not divided by √d_k", max_abs_diff=0.412,
                        shapes={"got": [4, 4], "expected": [4, 4]}),
            CheckResult("weights are non-negative and every row sums to 1, masked keys get exactly 0", True),
            CheckResult("gradients reach q, k and v (the computation stays inside autograd)", True),
        ],
        seconds=0.41,
    )


def sdpa_shape_mismatch() -> ExerciseResult:
    message = "weights [no batch dims, T=4, d_k=8] has shape (4, 8), expected (4, 4)"
    return ExerciseResult(
        SDPA,
        Status.FAILED,
        f"1 of 3 checks fail: {message}",
        [
            CheckResult("out and weights match the reference (batch dims, T_q ≠ T_k, masks)", False, message,
                        shapes={"got": [4, 8], "expected": [4, 4]}),
            CheckResult("weights are non-negative and every row sums to 1, masked keys get exactly 0", True),
            CheckResult("gradients reach q, k and v (the computation stays inside autograd)", True),
        ],
        output="debug: scores.shape = torch.Size([4, 8])\n",
    )


def sdpa_passed() -> ExerciseResult:
    return ExerciseResult(
        SDPA,
        Status.PASSED,
        "all 3 checks pass",
        [
            CheckResult("out and weights match the reference (batch dims, T_q ≠ T_k, masks)", True, max_abs_diff=2.4e-7),
            CheckResult("weights are non-negative and every row sums to 1, masked keys get exactly 0", True),
            CheckResult("gradients reach q, k and v (the computation stays inside autograd)", True),
        ],
        seconds=0.38,
    )


async def wait_for_checks(pilot, timeout_s: float = 30.0) -> None:
    """Wait until no check is running and its result message has been handled."""
    app = pilot.app
    deadline = time.monotonic() + timeout_s
    while True:
        await pilot.pause()
        running = [worker for worker in app.workers if worker.group == "check" and not worker.is_finished]
        if not running:
            await pilot.pause()
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"checks still running after {timeout_s} s: {running}")
        await app.workers.wait_for_complete(running)


async def select_in_tree(pilot, data) -> None:
    """Move the tree's cursor to the node holding `data` with the arrow keys, press enter."""
    from app.widgets.lesson_tree import LessonTree

    tree = pilot.app.screen.query_one(LessonTree)
    tree.focus()
    target = next(line for line in range(tree.last_line + 1) if tree.get_node_at_line(line).data == data)
    while tree.cursor_line != target:
        await pilot.press("down" if tree.cursor_line < target else "up")
    await pilot.press("enter")
    await pilot.pause()


async def wait_for_lesson(pilot, timeout_s: float = 10.0) -> None:
    """Wait until the lesson text, which is laid out after the first paint, is on screen."""
    from app.widgets.lesson_view import LessonView

    deadline = time.monotonic() + timeout_s
    while True:
        await pilot.pause()
        screen = pilot.app.screen
        lesson = getattr(screen, "lesson", None)
        try:
            document = screen.query_one(LessonView).document
        except Exception:  # not mounted yet
            document = None
        if lesson is not None and document is not None and document.source == lesson.text and document.children:
            await pilot.pause()
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the lesson text never showed")
        await pilot.pause(0.02)
