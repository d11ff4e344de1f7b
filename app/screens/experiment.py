"""One lesson experiment: what it shows, a progress bar while it runs, then its result.

The experiment runs in a child process (app.engine.experiments.ExperimentRun); a thread
worker waits on it and posts progress, the result or a one-line error (app.messages).
A result saved by an earlier run shows without starting a process. `c` cancels, and
leaving the screen cancels too: the worker's `cancelled` callback turns true, and
`ExperimentRun.result` kills the child. A result with an embedding map takes queries: `/`
focuses its box, esc leaves the box before it leaves the screen.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from app.engine.course import Experiment
from app.engine.experiments import ExperimentFailed, ExperimentRun
from app.messages import ExperimentError, ExperimentFinished, ExperimentProgressed

class ExperimentScreen(Screen):
    CSS_PATH = "experiment.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("c", "cancel", "Cancel"),
        Binding("r", "run", "Run"),
        Binding("left_square_bracket", "cycle(-1)", "Previous map", key_display="["),
        Binding("right_square_bracket", "cycle(1)", "Next map", key_display="]"),
        Binding("slash", "ask", "Ask the map", key_display="/"),
    ]

    # idle (not started) · loading (a saved result) · running · cancelling · done (result shown)
    # · cancelled · failed (self.error says why)
    state: reactive[str] = reactive("idle")

    def __init__(self, experiment: Experiment, new_run: Callable[[], ExperimentRun]) -> None:
        """`new_run()` makes a fresh ExperimentRun (from the learner's progress at that moment)."""
        super().__init__()
        self.experiment = experiment
        self.new_run = new_run
        self.run: ExperimentRun | None = None
        self.error: str | None = None
        self._saved = False  # the result shown was saved by an earlier run
        self._stop = threading.Event()

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        experiment = self.experiment
        yield Header()
        with Vertical(id="intro"):
            yield Static(Content.from_markup("[b]▶ $title[/b]", title=experiment.title), id="title")
            about = experiment.about or "An experiment of this lesson."
            yield Static(Content(f"{about} About {experiment.budget_s:.0f} s on a laptop CPU."), id="about")
            with Horizontal(id="status"):
                yield ProgressBar(total=100, show_eta=False, id="progress")
                yield Static("", id="message")
        with Vertical(id="output"):
            yield Static(
                "It runs in a process of its own, so the app stays responsive; the result appears here.\n"
                "c cancels it; esc goes back to the course (and cancels it too).",
                classes="waiting",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Experiment"
        self.start()

    def on_unmount(self) -> None:
        self._stop.set()  # the worker's `cancelled` turns true and the child is killed

    # -- running ----------------------------------------------------------------------------

    def start(self) -> None:
        """Show the saved result, or start a run."""
        self._stop = threading.Event()
        self.error = None
        try:
            self.run = self.new_run()
            self._saved = self.run.cached() is not None
        except Exception as error:  # the learner's files or the cache could not be read
            self.on_experiment_error(ExperimentError(f"{type(error).__name__}: {error}"))
            return
        self.query_one("#progress", ProgressBar).update(progress=0)
        self.state = "loading" if self._saved else "running"
        self.set_message("loading the saved result…" if self._saved else "starting…")
        self.wait_for_result(self.run, self._stop)

    @work(thread=True, exclusive=True, group="experiment", exit_on_error=False)
    def wait_for_result(self, run: ExperimentRun, stop: threading.Event) -> None:
        worker = get_current_worker()
        importlib.import_module("app.widgets.experiment_result")  # most of a second (plotext), off the event loop
        try:
            result = run.result(
                on_progress=lambda progress: self.post_message(ExperimentProgressed(progress)),
                cancelled=lambda: stop.is_set() or worker.is_cancelled,
            )
            message = ExperimentFinished(result)
        except ExperimentFailed as error:
            message = ExperimentError(str(error))
        except Exception as error:  # the app stays up whatever the run does
            message = ExperimentError(f"{type(error).__name__}: {error}")
        self.post_message(message)  # after the screen has gone, nothing receives it

    def on_experiment_progressed(self, message: ExperimentProgressed) -> None:
        if self.state != "running":
            return
        progress = message.progress
        self.query_one("#progress", ProgressBar).update(progress=round(progress.fraction * 100, 1))
        self.set_message(f"{progress.message} · {progress.elapsed_s:.0f} s" if progress.elapsed_s else progress.message)

    def on_experiment_finished(self, message: ExperimentFinished) -> None:
        if message.result is None:
            self.state = "cancelled"
            self.set_message("Cancelled. Press r to run it again.")
            return
        from app.widgets.experiment_result import ExperimentResult

        output = self.query_one("#output")
        output.remove_children()
        output.mount(ExperimentResult(message.result, cached=self._saved, id="result"))
        self.state = "done"

    def on_experiment_error(self, message: ExperimentError) -> None:
        self.error = (message.error.strip().splitlines() or ["unknown error"])[0]
        self.state = "failed"
        self.set_message(f"✗ {self.error}  (r runs it again)")

    # -- what is shown ----------------------------------------------------------------------

    def set_message(self, text: str) -> None:
        self.query_one("#message", Static).update(Content(text))

    def watch_state(self, state: str) -> None:
        self.set_class(state == "running" or state == "cancelling", "-running")
        self.set_class(state == "done", "-done")
        self.set_class(state == "failed", "-failed")
        if state == "done":
            self.query_one("#result").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.state == "running"
        if action == "run":
            return self.state in ("cancelled", "failed")
        if action == "ask":
            return self.state == "done" and any(embedding_map.explorable for embedding_map in self.result_maps())
        if action == "cycle":
            return self.state == "done" and any(len(heatmap.keys) > 1 for group in self.result_groups() for heatmap in group.heatmaps)
        return True

    def result_groups(self) -> list:
        return [group for result in self.query("#result") for group in result.groups]

    def result_maps(self) -> list:
        return [embedding_map for result in self.query("#result") for embedding_map in result.maps]

    # -- actions ----------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self.state == "running":
            self._stop.set()
            self.state = "cancelling"
            self.set_message("cancelling…")

    def action_run(self) -> None:
        if self.state in ("cancelled", "failed"):
            self.start()

    def action_cycle(self, step: int) -> None:
        for group in self.result_groups():
            group.cycle(step)

    def action_ask(self) -> None:
        """Focus the first map's query box (scrolled into view)."""
        box = next((embedding_map.query_one(Input) for embedding_map in self.result_maps() if embedding_map.explorable), None)
        if box is not None:
            box.focus()
            box.scroll_visible()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):  # esc leaves the query box first, then the screen
            self.query_one("#result").focus()
            return
        self.dismiss()
