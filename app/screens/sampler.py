"""Sample from a run's checkpoints, side by side: the same prompt and seed at step 0, 500, 5000…

Each column is its own sampling process (`python -m app.engine.sampling`, which loads the
checkpoint with torch and prints one JSON line per token); a thread worker per column reads
it and posts the text, so tokens stream in while the app stays responsive.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, SelectionList, Static

from app.engine.runs import RunDirectory, RunError, runs_root
from app.messages import SampleText
from app.widgets.sample_column import SampleColumn

MOST_COLUMNS = 3


def default_steps(steps: list[int]) -> list[int]:
    """First, middle and last checkpoint: [0, 250, 500, 1000, 2000] -> [0, 500, 2000]."""
    if len(steps) <= MOST_COLUMNS:
        return list(steps)
    return [steps[0], steps[len(steps) // 2], steps[-1]]


class SamplerScreen(Screen):
    CSS_PATH = "sampler.tcss"
    BINDINGS = [Binding("escape", "back", "Back"), Binding("ctrl+g", "sample", "Sample")]

    def __init__(self, root, run_name: str, sample_command: Callable[..., list[str]]) -> None:
        super().__init__()
        self.root = root
        self.run = RunDirectory(runs_root(root) / run_name)
        self.sample_command = sample_command  # (root, run, step, prompt, options) -> argv
        self.processes: list[subprocess.Popen] = []
        self.columns: list[SampleColumn] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="prompt-row"):
            yield Input("ROMEO:", placeholder="prompt", id="prompt")
            yield Button("Sample", variant="primary", id="sample")
        with Horizontal(id="options"):
            for label, name, value in (("temperature", "temperature", "0.8"), ("top-k", "top_k", ""),
                                       ("top-p", "top_p", ""), ("tokens", "max_tokens", "300"), ("seed", "seed", "1337")):
                yield Label(label)
                yield Input(value, id=name, classes="option")
        yield Static("", id="sampler-message")
        with Horizontal(id="body"):
            yield SelectionList[int](id="steps")
            yield Horizontal(id="columns")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Sample · {self.run.name}"
        try:
            steps = sorted({entry["step"] for entry in self.run.checkpoints()})
        except RunError as error:
            steps = []
            self.say(str(error))
        chooser = self.query_one("#steps", SelectionList)
        chooser.border_title = "checkpoints"
        chosen = default_steps(steps)
        chooser.add_options([(f"step {step:,}", step, step in chosen) for step in steps])
        if not steps:
            self.say("This run has no checkpoint yet: one is written at every checkpoint step.")
        self.query_one("#prompt", Input).focus()

    def on_unmount(self) -> None:
        self.stop_sampling()

    def say(self, message: str) -> None:
        self.query_one("#sampler-message", Static).update(message)

    # -- sampling ---------------------------------------------------------------------------

    def options(self) -> dict:
        """The option inputs as numbers; a bad one raises ValueError naming it."""
        values = {}
        for name, kind in (("temperature", float), ("top_k", int), ("top_p", float), ("max_tokens", int), ("seed", int)):
            text = self.query_one(f"#{name}", Input).value.strip()
            try:
                values[name] = kind(text) if text else None
            except ValueError:
                raise ValueError(f"{name.replace('_', '-')} must be {'a whole number' if kind is int else 'a number'}, not {text!r}") from None
        return values

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_sample()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_sample()

    def action_sample(self) -> None:
        steps = list(self.query_one("#steps", SelectionList).selected)[:MOST_COLUMNS]
        if not steps:
            self.say("Choose a checkpoint (or up to three, to compare) on the left.")
            return
        try:
            options = self.options()
        except ValueError as error:
            self.say(str(error))
            return
        self.stop_sampling()
        prompt = self.query_one("#prompt", Input).value.replace("\\n", "\n")
        area = self.query_one("#columns", Horizontal)
        area.remove_children()
        self.columns = [SampleColumn(f"step {step:,}", prompt) for step in sorted(steps)]
        area.mount_all(self.columns)
        self.say(f"Same prompt and seed ({options['seed']}) for every checkpoint; each loads in its own process.")
        for index, step in enumerate(sorted(steps)):
            self.stream(index, self.sample_command(self.root, self.run.name, step, prompt, options))

    @work(thread=True, group="sampling")
    def stream(self, column: int, argv: list[str]) -> None:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                   start_new_session=True)
        self.processes.append(process)
        ended = False
        for line in process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if "text" in event:
                self.post_message(SampleText(column, event["text"]))
            elif "error" in event or "done" in event:
                self.post_message(SampleText(column, done=True, error=event.get("error")))
                ended = True
        process.wait()
        if not ended and process.returncode not in (0, -9):
            self.post_message(SampleText(column, done=True, error=f"the sampling process exited with status {process.returncode}"))

    def on_sample_text(self, message: SampleText) -> None:
        if message.column >= len(self.columns):
            return
        column = self.columns[message.column]
        if message.done:
            column.finish(message.error)
        else:
            column.add(message.text)

    def stop_sampling(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
        self.processes = []

    def action_back(self) -> None:
        self.app.pop_screen()
