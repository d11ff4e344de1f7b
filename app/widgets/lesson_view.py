"""The lesson text: Markdown in a scrollable pane.

The Markdown widget is created on the first `show`, after the first paint: importing it
and laying out a long lesson (hundreds of widgets) would otherwise delay start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll

if TYPE_CHECKING:
    from app.widgets.lesson_markdown import LessonMarkdown


class LessonView(VerticalScroll, can_focus=True):
    """Shows one lesson's markdown; `show` replaces it and scrolls to the top."""

    @property
    def document(self) -> LessonMarkdown:
        from app.widgets.lesson_markdown import LessonMarkdown

        return self.query_one(LessonMarkdown)

    def show(self, markdown: str) -> None:
        from app.widgets.lesson_markdown import LessonMarkdown

        if existing := self.query(LessonMarkdown):
            existing.first().update(markdown)
        else:
            self.mount(LessonMarkdown(markdown, open_links=False))
        self.scroll_home(animate=False)
