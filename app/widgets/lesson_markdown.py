"""Textual's Markdown with unlabelled code blocks left plain.

Textual guesses the language of a fence without one (slow: ~20 ms a block, and it colours
shape tables and diagrams as if they were code); lessons label their Python fences.
Imported on first use: markdown-it and Textual's Markdown take ~0.2 s to import.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownFence


class PlainFence(MarkdownFence):
    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        return super().highlight(code, language or "text", ansi=ansi, dark=dark)


class LessonMarkdown(Markdown):
    BLOCKS = {**Markdown.BLOCKS, "fence": PlainFence, "code_block": PlainFence}
