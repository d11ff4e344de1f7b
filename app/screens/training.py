"""The training dashboard: one run, live from its directory, whether the app started it or not.

Every second a thread worker reads what is new in the run directory (`RunTail`) and posts
it; the handler feeds the charts, the samples and the attention map. The worker process is
never touched except through the control (start, stop, resume), so closing the app, or the
terminal, leaves training running, and re-opening shows the whole run again.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Select, Static

from app.engine.course import Experiment
from app.engine.evaluation import EvaluationRun
from app.engine.report_blocks import EvaluationView
from app.engine.run_summary import RunTail, RunUpdate, summarise
from app.engine.runs import RunDirectory, list_runs, runs_root
from app.messages import RunPolled, TrainingActionDone
from app.screens.experiment import ExperimentScreen
from app.screens.new_run import NewRunScreen
from app.screens.sampler import SamplerScreen
from app.widgets.attention_heatmap import AttentionHeatmap
from app.widgets.metrics_chart import MetricsChart
from app.widgets.run_stats import RunStats
from app.widgets.samples_view import SamplesView

POLL_S = 1.0
EVALUATION_BUDGET_S = 360  # a baby checkpoint with the default options: 343 s measured on a busy 2-core CPU
NO_RUNS = ("No training runs yet. Press n to start one: the baby preset (nanoGPT's CPU recipe) takes "
           "a few minutes on a laptop. Training runs in its own process and keeps going when you quit.")


def attention_maps(snapshot: dict) -> dict:
    """{"layer 1 · head 1": (matrix, tokens, tokens), …} for the heatmap, from an attention/*.json."""
    tokens = snapshot.get("tokens", [])
    return {
        f"layer {layer + 1} · head {head + 1} · step {snapshot.get('step', 0):,}": (matrix, tokens, tokens)
        for layer, heads in enumerate(snapshot.get("layers", []))
        for head, matrix in enumerate(heads)
    }


class TrainingScreen(Screen):
    CSS_PATH = "training.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]  # narrow: lr and grad norm in numbers only
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "new_run", "New run"),
        Binding("p", "stop", "Stop"),
        Binding("u", "resume", "Resume"),
        Binding("g", "sample", "Sample"),
        Binding("v", "evaluate", "Evaluate"),
        Binding("e", "toggle_smooth", "Smooth"),
        Binding("l", "toggle_log", "Log y"),
        Binding("left_square_bracket", "cycle(-1)", "Prev head", key_display="["),
        Binding("right_square_bracket", "cycle(1)", "Next head", key_display="]"),
    ]

    def __init__(self, root, control, *, run_name: str | None = None) -> None:
        super().__init__()
        self.root = root
        self.control = control  # start / stop / resume a worker (app.training_control)
        self.run_name = run_name
        self.run_names: list[str] = []  # the runs offered, oldest first
        self.tail: RunTail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Select([], prompt="choose a run", allow_blank=True, compact=True, id="run-select")
        yield Static(NO_RUNS, id="no-runs")
        yield RunStats("", id="run-stats")
        with Horizontal(id="charts"):
            yield MetricsChart("loss", {"train": "train_loss", "val": "val_loss"}, smoothable={"train_loss"}, id="loss-chart")
            with Vertical(id="side-charts"):
                yield MetricsChart("learning rate", {"lr": "lr"}, id="lr-chart")
                yield MetricsChart("grad norm", {"grad norm": "grad_norm"}, id="grad-chart")
        with Horizontal(id="lower"):
            yield SamplesView(id="samples")
            yield AttentionHeatmap(id="attention")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Training"
        self.refresh_runs([run.name for run in list_runs(self.root)], select=self.run_name)
        self.set_interval(POLL_S, self.poll)

    # -- which run --------------------------------------------------------------------------

    def refresh_runs(self, names: list[str], select: str | None = None) -> None:
        """Offer the runs `names` (oldest first) and show `select`, the run shown, or the newest."""
        self.run_names = names
        chooser = self.query_one("#run-select", Select)
        chooser.set_options([(name, name) for name in reversed(names)])
        wanted = select if select in names else self.run_name if self.run_name in names else names[-1] if names else None
        self.set_class(not names, "-empty")
        if wanted is not None:
            chooser.value = wanted
            self.show_run(wanted)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.BLANK and event.value != self.run_name:
            self.show_run(str(event.value))

    def show_run(self, name: str) -> None:
        if self.tail is not None and self.tail.run.name == name:
            return
        self.run_name = name
        self.tail = RunTail(RunDirectory(runs_root(self.root) / name))
        self.clear_shown()
        self.poll()

    def clear_shown(self) -> None:
        for chart in self.query(MetricsChart):
            chart.reset()
        self.query_one(SamplesView).reset()

    # -- following it -------------------------------------------------------------------------

    def poll(self) -> None:
        self.read_runs(self.tail)

    @work(thread=True, exclusive=True, group="poll")
    def read_runs(self, tail: RunTail | None) -> None:
        """Which runs there are (one started from the shell appears too) and what is new in the one shown."""
        names = [run.name for run in list_runs(self.root)]
        self.post_message(RunPolled(names, tail.run.name if tail else None, tail.poll() if tail else None))

    def on_run_polled(self, message: RunPolled) -> None:
        if message.run_names != self.run_names:
            self.refresh_runs(message.run_names)
        if message.update is None or message.run_name != self.run_name:
            return  # nothing shown yet, or a poll of the run shown before
        update: RunUpdate = message.update
        stats = self.query_one(RunStats)
        if update.error:
            stats.update(update.error)
            return
        if update.restarted:
            self.clear_shown()
        loss_chart = self.query_one("#loss-chart", MetricsChart)
        loss_chart.target = update.config.get("target_val_loss")
        if update.metrics or update.restarted:
            for chart in self.query(MetricsChart):
                chart.extend(update.metrics)
        self.query_one(SamplesView).extend(update.samples)
        if update.attention is not None:
            self.query_one(AttentionHeatmap).set_maps(attention_maps(update.attention))
        summary = summarise(update.config, update.status, loss_chart.rows)
        stats.show(self.run_name, update.config, summary)

    # -- actions ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_toggle_smooth(self) -> None:
        chart = self.query_one("#loss-chart", MetricsChart)
        chart.smooth = not chart.smooth

    def action_toggle_log(self) -> None:
        chart = self.query_one("#loss-chart", MetricsChart)
        chart.log_y = not chart.log_y

    def action_cycle(self, step: int) -> None:
        self.query_one(AttentionHeatmap).cycle(step)

    def action_new_run(self) -> None:
        def chosen(request) -> None:
            if request is not None:
                preset, corpus, overrides = request
                self.control_call("start", preset, corpus, overrides)

        self.app.push_screen(NewRunScreen(self.control.presets()), chosen)

    def action_stop(self) -> None:
        if self.run_name:
            self.control_call("stop", self.run_name)

    def action_resume(self) -> None:
        if self.run_name:
            self.control_call("resume", self.run_name)

    def action_sample(self) -> None:
        if self.run_name:
            self.app.push_screen(SamplerScreen(self.root, self.run_name, self.app.sample_command))

    def action_evaluate(self) -> None:
        """Lesson 15's report for the run's newest checkpoint, shown like an experiment's result."""
        if not self.run_name:
            return
        run_dir = runs_root(self.root) / self.run_name
        evaluation = Experiment(
            id="analysis.evaluation", lesson="analysis", uses=(), budget_s=EVALUATION_BUDGET_S,
            title=f"Evaluate {self.run_name} (newest checkpoint)",
            about="Pretrained vs random init, fine-tuning vs from scratch on the held-out play, forgetting, "
                  "failure modes of samples, out-of-distribution text and per-character loss; saved in the run's eval/ folder.",
        )
        self.app.push_screen(ExperimentScreen(evaluation, lambda: EvaluationView(EvaluationRun(self.root, run_dir))))

    @work(thread=True, exclusive=True, group="control")
    def control_call(self, action: str, *args) -> None:
        """Starting a worker waits until it says it is running (seconds): off the event loop."""
        try:
            outcome = getattr(self.control, action)(*args)
        except Exception as error:  # noqa: BLE001 - any failure is shown as its one line
            self.post_message(TrainingActionDone(action, None, str(error).splitlines()[0] if str(error) else repr(error)))
        else:
            self.post_message(TrainingActionDone(action, outcome, None))

    def on_training_action_done(self, message: TrainingActionDone) -> None:
        if message.error:
            self.notify(message.error, title=f"Could not {message.action}", severity="error")
            return
        if message.action == "start":
            self.notify(f"Training {message.outcome} started; it keeps running if you quit.", title="Started")
            self.tail = None
            self.refresh_runs([run.name for run in list_runs(self.root)], select=message.outcome)
        else:
            self.notify(str(message.outcome), title=message.action.capitalize())
