"""The lesson text: markdown rendered by Rich into one widget, in a scrollable pane.

Textual's Markdown widget builds a widget per block and table cell: a 450-line lesson
took 1–2 s to lay out on a 2-core laptop, input blocked meanwhile, on every lesson switch.
Rich renders the same text into one widget in a tenth of that.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class LessonView(VerticalScroll, can_focus=True):
    """Shows one lesson's markdown; `show` replaces it and scrolls to the top."""

    source: str = ""  # the markdown shown

    def compose(self) -> ComposeResult:
        yield Static(id="lesson-text")

    def show(self, markdown: str) -> None:
        from rich.markdown import Markdown  # Rich's markdown and pygments load on first use, after the first frame

        self.source = markdown
        self.query_one("#lesson-text", Static).update(Markdown(markdown, code_theme="monokai", hyperlinks=False))
        self.scroll_home(animate=False)
