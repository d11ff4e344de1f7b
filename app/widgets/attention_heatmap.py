"""A matrix drawn as shaded cells with tokens on both axes: attention weights, mostly.

One cell per (query row, key column), its background one of eight shades of a
dark-to-bright ramp (viridis-like: it reads on dark and light themes and its lightness rises
steadily, so it stays ordered without colour vision); the brightest cell holds the maximum. Exact zeros in a
non-negative matrix (masked positions) are a dim `·`, not the darkest shade, so the causal
triangle shows even where the weights are small; missing (non-finite) values are `×`.

    AttentionHeatmap(weights, tokens, tokens, title="head 0")
    heatmap.set_data(weights, tokens, tokens, title="head 0")          # replace the map
    heatmap.set_maps({"layer 0 · head 0": (w0, rows, cols), ...})    # a stack; [ and ] cycle

Row labels sit at the left, column labels across the top one character per column (longer
ones, like "11", read downwards), whitespace made visible: ␣ space, ↵ newline, ⇥ tab.
Under the map a legend gives min and max, the value range of one shade, and where the
maximum is; hovering a cell shows its value there instead. A map wider than the widget
scrolls sideways with the row labels kept in place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Matrix = Sequence[Sequence[float | None]]
MapData = tuple[Matrix, Sequence[str], Sequence[str]]  # (matrix, row labels, column labels)

# Viridis, low → high, in colours of the xterm 256-colour palette (53 54 24 30 36 77 149 220) so
# that terminals without true colour (macOS Terminal, a default tmux) keep all eight distinct.
SHADES = ("#5f005f", "#5f0087", "#005f87", "#008787", "#00af87", "#5fd75f", "#afd75f", "#ffd700")
_SHADE_STYLES = tuple(Style(bgcolor=colour) for colour in SHADES)
ZERO, MISSING = "·", "×"
MAX_ROW_LABEL = 8  # characters of a row label shown
MAX_COLUMN_LABEL = 4  # lines of column labels at most
SQUARE_UP_TO = 16  # maps with at most this many columns get two characters a cell (about square)
_VISIBLE = {" ": "␣", "\n": "↵", "\\n": "↵", "\t": "⇥", "\\t": "⇥", "\r": "␍", "\\r": "␍", "\\\\": "\\", "": "∅"}


def visible(label: str) -> str:
    """A token label as it can be seen: ' ' -> '␣', '\\n' (either form) -> '↵', '' -> '∅'."""
    if label in _VISIBLE:
        return _VISIBLE[label]
    return "".join(_VISIBLE.get(char, char) for char in label)


def number(value: float) -> str:
    """Three significant figures, no exponent for ordinary weights: 0.125, 1, 3.2e-05."""
    return f"{value:.3g}"


def value_range(matrix: Matrix) -> tuple[float, float]:
    """The smallest and largest finite values ((0, 0) for a matrix with none)."""
    finite = [value for row in matrix for value in row if value is not None and math.isfinite(value)]
    return (min(finite), max(finite)) if finite else (0.0, 0.0)


def shade(value: float | None, low: float, high: float) -> int | None:
    """The shade (0 darkest … 7 brightest) of `value` on a linear scale from `low` to `high`;
    None where the cell shows a mark instead (missing, or exactly 0 in a non-negative map)."""
    if value is None or not math.isfinite(value) or (value == 0 and low >= 0):
        return None
    if high <= low:
        return len(SHADES) - 1
    return min(len(SHADES) - 1, max(0, int((value - low) / (high - low) * len(SHADES))))


class AttentionHeatmap(ScrollView, can_focus=True):
    """One matrix, or a stack of them (one per head) shown one at a time."""

    DEFAULT_CSS = """
    AttentionHeatmap {
        width: auto;
        height: auto;
        max-width: 100%;
        overflow-x: auto;
        overflow-y: hidden;
        scrollbar-size-horizontal: 1;
        border: round $foreground 25%;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    AttentionHeatmap:focus {
        border: round $accent;
    }
    AttentionHeatmap > .attention-heatmap--label {
        color: $text;
    }
    AttentionHeatmap > .attention-heatmap--hover {
        color: $text-accent;
        text-style: bold reverse;
    }
    AttentionHeatmap > .attention-heatmap--mark {
        color: $foreground 35%;
    }
    AttentionHeatmap > .attention-heatmap--legend {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {
        "attention-heatmap--label", "attention-heatmap--hover", "attention-heatmap--mark", "attention-heatmap--legend",
    }
    BINDINGS = [
        Binding("left_square_bracket", "cycle(-1)", "Previous map", key_display="["),
        Binding("right_square_bracket", "cycle(1)", "Next map", key_display="]"),
    ]

    class Selected(Message):
        """The map shown changed (by [ ], `select` or `cycle`)."""

        def __init__(self, heatmap: AttentionHeatmap, key: str, index: int) -> None:
            super().__init__()
            self.heatmap = heatmap
            self.key = key
            self.index = index

        @property
        def control(self) -> AttentionHeatmap:
            return self.heatmap

    def __init__(self, matrix: Matrix | None = None, row_labels: Sequence[str] = (), col_labels: Sequence[str] = (),
                 title: str = "", *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._maps: dict[str, MapData] = {}
        self._index = 0
        self._hover: tuple[int, int] | None = None  # (row, column) under the mouse
        self._measure()
        if matrix is not None:
            self.set_data(matrix, row_labels, col_labels, title)

    # -- data -------------------------------------------------------------------------------

    def set_data(self, matrix: Matrix, row_labels: Sequence[str] = (), col_labels: Sequence[str] = (),
                 title: str | None = None) -> None:
        """Show one map (dropping any stack); `title` None keeps the current one."""
        title = self.title if title is None else title
        self.set_maps({title: (matrix, row_labels, col_labels)})

    def set_maps(self, maps: Mapping[str, MapData], selected: str | int | None = None) -> None:
        """Show a stack of maps, titled by their keys; the one shown stays if its key is still there."""
        previous = self.title
        self._maps = {key: (list(matrix), list(rows), list(cols)) for key, (matrix, rows, cols) in maps.items()}
        keys = self.keys
        if selected is None:
            selected = previous if previous in keys else min(self._index, max(len(keys) - 1, 0))
        self._index = keys.index(selected) if isinstance(selected, str) else max(0, min(selected, len(keys) - 1))
        self._hover = None
        self._data_changed()

    def select(self, selected: str | int) -> None:
        """Show the map with this key or index (a no-op when it is already shown)."""
        keys = self.keys
        if not keys:
            return
        index = keys.index(selected) if isinstance(selected, str) else selected % len(keys)
        if index != self._index:
            self._index = index
            self._hover = None
            self._data_changed()
            self.post_message(self.Selected(self, keys[index], index))

    def cycle(self, step: int = 1) -> None:
        if self.keys:
            self.select((self._index + step) % len(self.keys))

    def action_cycle(self, step: int) -> None:
        self.cycle(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle":
            return len(self._maps) > 1
        return True

    @property
    def keys(self) -> list[str]:
        return list(self._maps)

    @property
    def index(self) -> int:
        return self._index

    @property
    def title(self) -> str:
        keys = self.keys
        return keys[self._index] if keys else ""

    @property
    def matrix(self) -> Matrix:
        return self._current[0]

    @property
    def row_labels(self) -> list[str]:
        matrix, rows, _ = self._current
        return [str(rows[i]) if i < len(rows) else str(i) for i in range(len(matrix))]

    @property
    def col_labels(self) -> list[str]:
        matrix, _, cols = self._current
        width = max((len(row) for row in matrix), default=0)
        return [str(cols[j]) if j < len(cols) else str(j) for j in range(width)]

    @property
    def natural_width(self) -> int:
        """Cells wide when nothing is cut: the map, its labels and legend, border and padding."""
        return self.virtual_size.width + self.styles.gutter.width

    @property
    def _current(self) -> MapData:
        return self._maps[self.title] if self._maps else ([], [], [])

    def _data_changed(self) -> None:
        count = len(self._maps)
        self.border_title = self.title
        self.border_subtitle = f"[ ] {self._index + 1}/{count}" if count > 1 else ""
        self._measure()
        self.refresh(layout=True)
        self.refresh_bindings()

    # -- geometry ---------------------------------------------------------------------------

    def _measure(self) -> None:
        matrix = self.matrix
        if not self._maps:
            self._low = self._high = 0.0
            self._rows, self._cols, self._legend = [], [], []
            self._gutter, self._header, self._cell = 0, 0, 1
            self.virtual_size = Size(0, 0)
            return
        self._low, self._high = value_range(matrix)
        self._rows = [visible(label)[:MAX_ROW_LABEL] for label in self.row_labels]
        self._cols = [visible(label)[:MAX_COLUMN_LABEL] for label in self.col_labels]
        self._gutter = max((len(label) for label in self._rows), default=0) + 1
        self._cell = 2 if len(self._cols) <= SQUARE_UP_TO else 1
        longest = max((len(label) for label in self._cols), default=0)
        self._header = 1 if longest < self._cell or longest == 1 else longest  # else labels read downwards
        self._legend = self._legend_lines()
        width = max(self._gutter + self._cell * len(self._cols), *(sum(len(text) for text, _ in line) for line in self._legend))
        self.virtual_size = Size(width, self._header + len(self._rows) + 1 + len(self._legend))

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The (row, column) of the cell at content offset (x, y) of the visible region, if any."""
        row = y + int(self.scroll_y) - self._header
        column = (x - self._gutter + int(self.scroll_x)) // self._cell
        if x < self._gutter or not 0 <= row < len(self._rows) or not 0 <= column < len(self._cols):
            return None
        return row, column

    # -- the legend -------------------------------------------------------------------------

    def _legend_lines(self) -> list[list[tuple[str, str | int]]]:
        """Lines of (text, style) pieces: a style is a component class name or a shade index."""
        low, high = self._low, self._high
        matrix = self.matrix
        values = [value for row in matrix for value in row]
        ramp: list[tuple[str, str | int]] = [("min " + number(low) + " ", "legend")]
        ramp += [(" ", level) for level in range(len(SHADES))]
        ramp.append((" max " + number(high), "legend"))
        step = (high - low) / len(SHADES)
        notes = [f"a shade spans {number(step)}" if high > low else "all one value"]
        if low >= 0 and any(value == 0 for value in values):
            notes.append(f"{ZERO} is 0")
        if any(value is None or not math.isfinite(value) for value in values):
            notes.append(f"{MISSING} not finite")
        lines = [ramp, [(", ".join(notes), "legend")]]
        if self._hover is not None:
            row, column = self._hover
            value = matrix[row][column] if column < len(matrix[row]) else None
            shown = number(value) if value is not None else "not finite"
            lines.append([(f"{self._rows[row]} → {self._cols[column]}: {shown}", "hover")])
        elif (where := self._argmax()) is not None:
            row, column = where
            lines.append([(f"max at {self._rows[row]} → {self._cols[column]}", "legend")])
        return lines

    def _argmax(self) -> tuple[int, int] | None:
        best = None
        for i, row in enumerate(self.matrix):
            for j, value in enumerate(row):
                if value is not None and math.isfinite(value) and (best is None or value > best[0]):
                    best = (value, i, j)
        return None if best is None else (best[1], best[2])

    # -- drawing ----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.rich_style + self.get_component_rich_style(f"attention-heatmap--{name}", partial=True)

    def _header_line(self, line: int) -> tuple[list[Segment], list[Segment]]:
        """Blank space over the row labels (kept in place) and one character per column (scrolled)."""
        label, hover = self._style("label"), self._style("hover")
        hover_column = self._hover[1] if self._hover else None
        cells = []
        for column, text in enumerate(self._cols):
            if self._header == 1:
                shown = text.rjust(self._cell)
            else:  # one character a line, the labels ending on the last header line
                offset = line - (self._header - len(text))
                shown = (text[offset] if 0 <= offset < len(text) else " ").rjust(self._cell)
            cells.append(Segment(shown, hover if column == hover_column else label))
        return [Segment(" " * self._gutter, self.rich_style)], cells

    def _grid_line(self, row: int) -> tuple[list[Segment], list[Segment]]:
        """The row label (kept in place) and the row's cells (scrolled)."""
        hovered = self._hover is not None and self._hover[0] == row
        label = Segment(self._rows[row].rjust(self._gutter - 1), self._style("hover" if hovered else "label"))
        mark = self._style("mark")
        cells = []
        values = self.matrix[row]
        for column in range(len(self._cols)):
            value = values[column] if column < len(values) else None
            level = shade(value, self._low, self._high)
            if level is not None:
                cells.append(Segment(" " * self._cell, self.rich_style + _SHADE_STYLES[level]))
            else:
                char = MISSING if value is None or not math.isfinite(value) else ZERO
                cells.append(Segment(char.rjust(self._cell), mark))
        return [label, Segment(" ", self.rich_style)], cells

    def _legend_line(self, line: list[tuple[str, str | int]]) -> list[Segment]:
        return [
            Segment(text, self.rich_style + _SHADE_STYLES[style]) if isinstance(style, int) else Segment(text, self._style(style))
            for text, style in line
        ]

    def render_line(self, y: int) -> Strip:
        if not self._maps:
            return Strip.blank(self.size.width, self.rich_style)
        width = self.size.width
        scroll_x = int(self.scroll_x)
        line = y + int(self.scroll_y)
        rows = len(self._rows)
        if line < self._header + rows:
            fixed, cells = self._header_line(line) if line < self._header else self._grid_line(line - self._header)
            room = max(0, width - self._gutter)
            strip = Strip.join([Strip(fixed), Strip(cells).crop(scroll_x, scroll_x + room)])
        elif 0 <= (index := line - self._header - rows - 1) < len(self._legend):
            strip = Strip(self._legend_line(self._legend[index])).crop(scroll_x, scroll_x + width)
        else:
            strip = Strip([])
        return strip.extend_cell_length(width, self.rich_style).crop(0, width)

    # -- the mouse --------------------------------------------------------------------------

    def _set_hover(self, hover: tuple[int, int] | None) -> None:
        if hover != self._hover:
            self._hover = hover
            self._legend = self._legend_lines()
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        self._set_hover(self.cell_at(offset.x, offset.y) if offset is not None and self._maps else None)

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()
