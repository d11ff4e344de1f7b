"""The newest generated samples of a run: each prompt and what the model wrote after it."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

SAMPLE_CHARS = 600  # of each sample shown: enough to judge, short enough to see several


def samples_text(samples: list[dict]) -> Text:
    """The samples of the latest sample step, prompts dimmed and generated text plain."""
    if not samples:
        return Text("No samples yet: the worker writes some at every sample step.", "dim")
    step = samples[-1]["step"]
    text = Text()
    text.append(f"step {step:,}", "bold")
    for sample in (sample for sample in samples if sample["step"] == step):
        text.append(f"\n── temperature {sample.get('temperature', '?')}", "dim")
        text.append("\n" + sample.get("prompt", ""), "bold magenta")
        text.append(sample.get("text", "")[:SAMPLE_CHARS])
    return text


class SamplesView(VerticalScroll):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.samples: list[dict] = []

    def compose(self):
        yield Static(samples_text([]), id="samples-text")

    def extend(self, samples: list[dict]) -> None:
        self.samples.extend(samples)
        if samples:
            self.query_one("#samples-text", Static).update(samples_text(self.samples))

    def reset(self, samples: list[dict] = ()) -> None:
        self.samples = []
        self.extend(list(samples))
        if not samples:
            self.query_one("#samples-text", Static).update(samples_text([]))
