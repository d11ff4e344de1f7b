"""One checkpoint's sample, streaming in: the prompt, then each token as it arrives."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


class SampleColumn(VerticalScroll):
    def __init__(self, heading: str, prompt: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="sample-column")
        self.border_title = heading
        self.prompt = prompt
        self.generated = ""
        self.state = "sampling"  # sampling · done · failed

    def compose(self):
        yield Static(self._text(), classes="sample-text")

    def _text(self) -> Text:
        text = Text()
        text.append(self.prompt, "bold magenta")  # styled as a span: the generated text stays plain
        text.append(self.generated)
        if self.state == "sampling":
            text.append("▌", "dim")
        return text

    def add(self, piece: str) -> None:
        self.generated += piece
        self._redraw()

    def finish(self, error: str | None = None) -> None:
        self.state = "failed" if error else "done"
        if error:
            self.border_subtitle = error
            self.add_class("-failed")
        self._redraw()

    def _redraw(self) -> None:
        self.query_one(".sample-text", Static).update(self._text())
        self.scroll_end(animate=False)
