"""Start a training run: pick a preset, a corpus, and change any setting as key=value."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

NewRun = tuple[str, str, list[str]]  # (preset, corpus, ["key=value", ...])


class NewRunScreen(ModalScreen[NewRun | None]):
    CSS_PATH = "new_run.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, presets: dict[str, str]) -> None:
        """`presets`: name -> one line about it ("4 layers · 128 wide · ~3 min on a laptop CPU")."""
        super().__init__()
        self.presets = presets

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Start a training run", id="heading")
            yield Label("Preset")
            first = next(iter(self.presets), None)
            yield Select([(f"{name} — {about}", name) for name, about in self.presets.items()],
                         value=first if first else Select.BLANK, allow_blank=False, id="preset")
            yield Label("Corpus (shakespeare, tinyshakespeare, or a text file's path)")
            yield Input("shakespeare", id="corpus")
            yield Label("Changes to the preset, e.g. max_steps=500 learning_rate=3e-4")
            yield Input(placeholder="key=value …", id="overrides")
            with Horizontal(id="buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.submit()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        preset = self.query_one("#preset", Select).value
        corpus = self.query_one("#corpus", Input).value.strip() or "shakespeare"
        overrides = self.query_one("#overrides", Input).value.split()
        self.dismiss((str(preset), corpus, overrides))

    def action_cancel(self) -> None:
        self.dismiss(None)
