"""An experiment's result, block by block: text, tables, line plots, heatmaps, maps.

The result is the plain JSON that `lessons/experimenting.py` collects:

    {"seed": 0, "seconds": 3.1, "implementations": {"attention.MultiHeadAttention": "reference"},
     "blocks": [{"kind": "text", "text": "..."}, {"kind": "table", ...}, {"kind": "lines", ...},
                {"kind": "heatmap", ...}, {"kind": "scatter", ...}, ...]}

A header line says whose code ran and with which seed. Consecutive heatmaps share a
HeatmapGroup; when they come in "X: yours" / "X: reference" pairs, the two sides become two
stacks (one map per X, [ and ] to step through them), side by side to compare. A scatter
block is an EmbeddingMap, with a query box when it carries vectors.
Imported on first use: textual-plotext takes most of a second to import.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from rich import box
from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual_plotext import PlotextPlot

from app.widgets.attention_heatmap import AttentionHeatmap
from app.widgets.embedding_map import EmbeddingMap
from app.widgets.heatmap_group import HeatmapGroup
from app.widgets.lesson_markdown import LessonMarkdown

YOURS, REFERENCE = ": yours", ": reference"


def implementations_line(implementations: dict[str, str]) -> str:
    """Whose code ran: "uses your MultiHeadAttention", or the reference's and why."""
    yours = [exercise_id.split(".", 1)[-1] for exercise_id, where in implementations.items() if where == "yours"]
    theirs = [exercise_id.split(".", 1)[-1] for exercise_id, where in implementations.items() if where != "yours"]
    parts = []
    if yours:
        parts.append("uses your " + " and ".join(yours))
    if theirs:
        why = "yours does not pass yet" if len(theirs) == 1 else "yours do not pass yet"
        parts.append(f"the reference's {' and '.join(theirs)} ({why})")
    if not parts:
        return "Uses only the lesson's own code"
    line = ", and ".join(parts) if yours else "uses " + parts[0]
    return line[0].upper() + line[1:]


def result_header(result: dict, *, cached: bool = False) -> str:
    seconds = result.get("seconds")
    took = "" if not isinstance(seconds, (int, float)) else "ran in under 0.1 s" if seconds < 0.05 else f"ran in {seconds:.1f} s"
    if cached and took:
        took += " (saved result)"
    parts = [implementations_line(result.get("implementations", {})), f"seed {result.get('seed', 0)}", took]
    return " · ".join(part for part in parts if part)


def heatmap_runs(blocks: list[dict]) -> Iterator[dict | list[dict]]:
    """The blocks in order, with each run of consecutive heatmaps gathered into a list."""
    run: list[dict] = []
    for block in blocks:
        if block.get("kind") == "heatmap":
            run.append(block)
            continue
        if run:
            yield run
            run = []
        yield block
    if run:
        yield run


def heatmaps_for(blocks: list[dict]) -> list[AttentionHeatmap]:
    """One heatmap per block, or, when every block is half of a yours/reference pair, two stacks."""
    def data(block: dict):
        return block["matrix"], block.get("row_labels", []), block.get("col_labels", [])

    titles = {block.get("title", ""): block for block in blocks}
    prefixes = [title.removesuffix(YOURS) for title in titles if title.endswith(YOURS)]
    paired = [prefix for prefix in prefixes if prefix + REFERENCE in titles]
    if paired and 2 * len(paired) == len(blocks):
        stacks = []
        for side in (YOURS, REFERENCE):
            stack = AttentionHeatmap(classes="side")
            stack.set_maps({prefix + side: data(titles[prefix + side]) for prefix in paired})
            stacks.append(stack)
        return stacks
    return [AttentionHeatmap(*data(block), title=block.get("title", "")) for block in blocks]


def log_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Tick positions (log10 of the value) and labels (the value) for a log axis from 10^low to 10^high:
    every power of ten, with 2× and 5× between them when the range spans few decades."""
    decades = range(math.floor(low), math.ceil(high) + 1)
    for multiples in ((1,), (1, 2, 5)) if high - low > 2 else ((1, 2, 5), (1, 2, 3, 4, 5, 6, 7, 8, 9)):
        values = [m * 10.0**k for k in decades for m in multiples if low - 1e-9 <= math.log10(m * 10.0**k) <= high + 1e-9]
        if len(values) >= 3:
            break
    if len(values) < 2:
        values = [10**low, 10**high]
    return [math.log10(value) for value in values], [f"{value:.3g}" for value in values]


def whole_ticks(low: float, high: float, most: int = 6) -> list[int]:
    """Round whole-number ticks for an axis of counts (steps, positions): 0, 50, 100, …"""
    span = max(high - low, 1)
    step = next(m * 10**k for k in range(12) for m in (1, 2, 5) if span / (m * 10**k) <= most - 1)
    return list(range(math.ceil(low / step) * step, math.floor(high) + 1, step))


def draw_lines(plot: PlotextPlot, block: dict) -> None:
    """A `lines` block on a plotext plot; null points (and non-positive ones on a log axis) are left out.

    A log axis is drawn by plotting log10 of the values on a linear axis with ticks labelled in
    values: plotext 5's own log scale takes the logarithm again at every redraw (plotext#209).
    """
    plt = plot.plt
    plt.clear_figure()
    plt.title(block.get("title", ""))
    log_x, log_y = block.get("log_x", False), block.get("log_y", False)
    plt.xlabel(block.get("x_label", "") + (" (log scale)" if log_x else ""))
    plt.ylabel(block.get("y_label", "") + (" (log scale)" if log_y else ""))
    shown_x, shown_y = [], []
    for name, series in block.get("series", {}).items():
        points = [
            (math.log10(x) if log_x else x, math.log10(y) if log_y else y)
            for x, y in zip(series.get("x", []), series.get("y", []))
            if x is not None and y is not None and (not log_x or x > 0) and (not log_y or y > 0)
        ]
        if points:
            xs, ys = zip(*points)
            plt.plot(list(xs), list(ys), label=name, marker="braille")
            shown_x += xs
            shown_y += ys
    if log_x and shown_x:
        plt.xticks(*log_ticks(min(shown_x), max(shown_x)))
    elif shown_x and all(isinstance(x, int) for x in shown_x):
        plt.xticks(whole_ticks(min(shown_x), max(shown_x)))
    if log_y and shown_y:
        plt.yticks(*log_ticks(min(shown_y), max(shown_y)))
    plot.refresh()


def _is_number(cell) -> bool:
    try:
        float(cell)
    except (TypeError, ValueError):
        return False
    return True


def table_of(block: dict) -> Table:
    """A rich Table: numbers right-aligned, words left-aligned, a missing cell as —."""
    table = Table(title=block.get("title") or None, box=box.SIMPLE_HEAD, title_style="bold", title_justify="left",
                  header_style="bold", expand=False)
    rows = block.get("rows", [])
    for index, column in enumerate(block.get("columns", [])):
        cells = [row[index] for row in rows if index < len(row) and row[index] is not None]
        table.add_column(str(column), justify="right" if cells and all(map(_is_number, cells)) else "left")
    for row in rows:
        table.add_row(*("—" if cell is None else str(cell) for cell in row))
    return table


class ExperimentResult(VerticalScroll, can_focus=True):
    """The blocks of one result in order, under a line saying whose code ran."""

    def __init__(self, result: dict, *, cached: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.result = result
        self.cached = cached

    def compose(self) -> ComposeResult:
        yield Static(result_header(self.result, cached=self.cached), classes="result-header", markup=False)
        for block in heatmap_runs(self.result.get("blocks", [])):
            if isinstance(block, list):
                yield HeatmapGroup(*heatmaps_for(block), classes="block heatmaps")
            elif block.get("kind") == "text":
                yield LessonMarkdown(block.get("text", ""), open_links=False, classes="block text")
            elif block.get("kind") == "table":
                yield Static(table_of(block), classes="block table")
            elif block.get("kind") == "lines":
                plot = PlotextPlot(classes="block plot")
                draw_lines(plot, block)
                yield plot
            elif block.get("kind") == "scatter":
                yield EmbeddingMap(block, classes="block map")
            else:
                yield Static(f"(a {block.get('kind')!r} block this app cannot show)", classes="block unknown", markup=False)

    @property
    def groups(self) -> list[HeatmapGroup]:
        return list(self.query(HeatmapGroup))

    @property
    def maps(self) -> list[EmbeddingMap]:
        return list(self.query(EmbeddingMap))

    def cycle(self, step: int = 1) -> None:
        """Step every stack of maps to its next (or previous) map."""
        for group in self.groups:
            group.cycle(step)
