"""Heatmaps side by side as far as the width allows, wrapping onto more rows otherwise.

    HeatmapGroup(AttentionHeatmap(...), AttentionHeatmap(...))

Two maps to compare ("yours" and "reference") sit next to each other when both fit and one
above the other when they do not. Stacks of the same length move together: choosing head 2
in one shows head 2 in all, so a pair of stacks stays a pair.
"""

from __future__ import annotations

from textual import events
from textual.containers import Container

from app.widgets.attention_heatmap import AttentionHeatmap


class HeatmapGroup(Container):
    DEFAULT_CSS = """
    HeatmapGroup {
        layout: grid;
        grid-size: 1;
        grid-rows: auto;
        grid-gutter: 0 1;
        height: auto;
    }
    """

    GAP = 1  # columns between two maps, as grid-gutter above

    @property
    def heatmaps(self) -> list[AttentionHeatmap]:
        return list(self.query_children(AttentionHeatmap))

    @property
    def columns(self) -> int:
        """How many maps a row holds now."""
        return self.styles.grid_size_columns or 1

    def on_mount(self) -> None:
        self.call_after_refresh(self.arrange_maps)

    def on_resize(self, event: events.Resize) -> None:
        self.arrange_maps()

    def arrange_maps(self) -> None:
        heatmaps = self.heatmaps
        room = self.content_size.width
        if not heatmaps or room <= 0:
            return
        width = max(heatmap.natural_width for heatmap in heatmaps)
        columns = max(1, min(len(heatmaps), (room + self.GAP) // (width + self.GAP)))
        self.styles.grid_size_columns = columns
        self.styles.grid_columns = str(width) if width <= room else "1fr"  # too wide: the map scrolls sideways

    def cycle(self, step: int = 1) -> None:
        """Show the next (or previous) map of every stack in the group."""
        for heatmap in self.heatmaps:
            if len(heatmap.keys) > 1:
                heatmap.cycle(step)

    def on_attention_heatmap_selected(self, message: AttentionHeatmap.Selected) -> None:
        for heatmap in self.heatmaps:
            if heatmap is not message.heatmap and len(heatmap.keys) == len(message.heatmap.keys):
                heatmap.select(message.index)
