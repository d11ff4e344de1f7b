"""A scripted grader and helpers for the app's Pilot and snapshot tests."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

from app.engine.course import Exercise
from app.engine.progress import file_sha256
from app.engine.results import CheckResult, ExerciseResult, Status

SDPA = "attention.scaled_dot_product_attention"
# A frozen copy of lesson 12.1's manifest and reference with short lesson texts: the real
# lessons are long (Textual takes a second or two to lay one out) and keep changing.
FIXTURE_COURSE = Path(__file__).resolve().parent / "fixtures" / "course"


class FakeGrader:
    """Returns scripted results per exercise (the last one repeats); records every call. Given the
    workspace `root`, a result carries the graded file's sha256, as the judge's do."""

    def __init__(self, root: Path | None = None, delay_s: float = 0.0) -> None:
        self.root = root
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
        if self.root is not None:
            result = dataclasses.replace(result, sha256=file_sha256(self.root / exercise.file))
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
            shown = screen.query_one(LessonView).source
        except Exception:  # not mounted yet
            shown = None
        if lesson is not None and shown == lesson.text:
            await pilot.pause()
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the lesson text never showed")
        await pilot.pause(0.02)


# -- experiments ------------------------------------------------------------------------------


def canned_result() -> dict:
    """A small result of every block kind: a log-scale plot with a null point, a table, text,
    and two yours/reference pairs of 6×6 causal heatmaps whose row 3 differs between the heads."""
    tokens = ["R", "O", "\\n", " ", "a", "b"]

    def causal(bias: int) -> list[list[float]]:
        rows = []
        for i in range(6):
            weights = [0.0] * 6
            for j in range(i + 1):
                weights[j] = round(1 / (i + 1), 3)
            rows.append(weights)
        rows[3] = [0.02, 0.03, 0.9, 0.05, 0.0, 0.0] if bias == 0 else [0.7, 0.1, 0.1, 0.1, 0.0, 0.0]
        return rows

    heatmaps = []
    for head in (0, 1):
        for side in ("yours", "reference"):
            heatmaps.append({"kind": "heatmap", "title": f"head {head}: {side}", "matrix": causal(head),
                             "row_labels": tokens, "col_labels": tokens})
    return {
        "seed": 0,
        "implementations": {"attention.MultiHeadAttention": "reference"},
        "seconds": 2.5,
        "blocks": [
            {"kind": "lines", "title": "gradient norm against distance", "x_label": "distance", "y_label": "norm",
             "log_x": False, "log_y": True,
             "series": {"rnn": {"x": [1, 2, 3, 4, 5, 6], "y": [1.0, 0.3, 0.09, None, 0.008, 0.002]},
                        "attention": {"x": [1, 2, 3, 4, 5, 6], "y": [0.5, 0.45, 0.5, 0.48, 0.52, 0.5]}}},
            {"kind": "table", "title": "Gradient norm at a distance", "columns": ["distance", "rnn", "attention"],
             "rows": [[1, "1.00e+00", "5.00e-01"], [3, "9.00e-02", "5.00e-01"], [6, "2.00e-03", "5.00e-01"]]},
            {"kind": "text", "text": "The RNN's gradient **falls geometrically**; attention's stays flat."},
            *heatmaps,
        ],
    }


class FakeExperimentRun:
    """Stands in for one ExperimentRun: reports the owner's progress steps, then waits for the
    owner's gate (if any), then returns its scripted result or raises its scripted error."""

    def __init__(self, owner: FakeExperiments, experiment, seed: int) -> None:
        self.owner = owner
        self.experiment = experiment
        self.seed = seed
        self.started = False
        self.cancelled = False

    def cached(self) -> dict | None:
        return self.owner.saved.get(self.experiment.id)

    def start(self) -> None:
        self.started = True

    def progress(self):
        from app.engine.child_job import JobProgress

        return JobProgress()

    def cancel(self) -> None:
        self.cancelled = True

    def result(self, on_progress=None, cancelled=lambda: False, poll_s: float = 0.2) -> dict | None:
        from app.engine.child_job import JobProgress

        if (saved := self.cached()) is not None:
            return saved
        self.start()
        for fraction, message in self.owner.steps:
            if on_progress:
                on_progress(JobProgress(fraction, message, 1.0))
        while self.owner.gate is not None and not self.owner.gate.is_set():
            if cancelled():
                self.cancel()
                return None
            time.sleep(0.01)
        if cancelled():
            self.cancel()
            return None
        outcome = self.owner.outcomes.get(self.experiment.id, canned_result())
        if isinstance(outcome, Exception):
            raise outcome
        self.owner.saved[self.experiment.id] = outcome
        return outcome


class FakeExperiments:
    """Called like ExperimentRun(root, course, experiment, progress, seed=0); records each run."""

    def __init__(self) -> None:
        self.outcomes: dict[str, dict | Exception] = {}  # experiment id -> result or error (default: canned)
        self.saved: dict[str, dict] = {}  # experiment id -> a result that `cached()` returns
        self.steps: list[tuple[float, str]] = [(0.25, "step 1 of 4"), (0.5, "step 2 of 4")]
        self.gate: threading.Event | None = None  # when an Event, runs wait for it (or a cancel)
        self.runs: list[FakeExperimentRun] = []

    def __call__(self, root, course, experiment, progress, seed: int = 0, options=None) -> FakeExperimentRun:
        run = FakeExperimentRun(self, experiment, seed)
        self.runs.append(run)
        return run


async def wait_for_experiment(pilot, states=("done", "cancelled", "failed"), timeout_s: float = 10.0) -> None:
    """Wait until the experiment screen on top reaches one of `states` and has laid it out."""
    deadline = time.monotonic() + timeout_s
    while getattr(pilot.app.screen, "state", None) not in states:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the experiment is still {getattr(pilot.app.screen, 'state', None)!r} after {timeout_s} s")
        await pilot.pause(0.02)
    await pilot.pause()
    await pilot.pause()
