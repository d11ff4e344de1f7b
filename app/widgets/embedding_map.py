"""A `scatter` block: a labelled 2-D map (a PCA of embeddings) and, with vectors, a query box.

    EmbeddingMap(block)   # block = {"kind": "scatter", "title", "about", "points", "labels", "labelled", "vectors"?}

The full map shows every point as a dot and writes the `labelled` ones, skipping any label
that would overlap one already written. Typing a word and enter zooms to its neighbourhood on
the map and lists its nearest words by cosine in the full space (marked on the map where they
fall inside the window: the map is only a shadow, and some will not); three words a b c ask
a : b :: c : ?. An empty query shows the whole map again. Queries are answered by
EmbeddingSpace (numpy) in a thread worker; an unknown word gets one line saying so.
"""

from __future__ import annotations


from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual_plotext import PlotextPlot

from app.widgets.embedding_space import Answer, EmbeddingSpace, shown

ZOOM_POINTS = 40  # points the zoomed window holds (the query word's 2-D neighbourhood)
MARGIN = 0.08  # the window reaches this share of its size beyond the outermost point
AXES_COLUMNS, AXES_ROWS = 10, 5  # cells the plot's axes, ticks and title take from the widget
DOTS, LABELS, MARKED, FOCUS = "gray", "default", "orange", "red"


def window_around(points: list[list[float]], indices: list[int]) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) holding the given points with a margin; never empty."""
    xs, ys = [points[i][0] for i in indices], [points[i][1] for i in indices]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    dx, dy = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
    return x0 - MARGIN * dx, x1 + MARGIN * dx, y0 - MARGIN * dy, y1 + MARGIN * dy


def nearest_on_map(points: list[list[float]], focus: int, count: int) -> list[int]:
    fx, fy = points[focus]
    return sorted(range(len(points)), key=lambda i: (points[i][0] - fx) ** 2 + (points[i][1] - fy) ** 2)[:count]


def place_labels(points, labels, candidates, window, cells) -> list[int]:
    """The candidates (in priority order) whose labels, centred on their points, overlap no label
    placed before them, given the plot's size in cells (columns, rows)."""
    x0, x1, y0, y1 = window
    cell_x, cell_y = (x1 - x0) / max(cells[0], 1), (y1 - y0) / max(cells[1], 1)
    taken: list[tuple[float, float, float, float]] = []
    placed = []
    for i in candidates:
        x, y = points[i]
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        half = (len(shown(labels[i])) + 1) * cell_x / 2  # one cell of space between two labels
        box = (x - half, x + half, y - cell_y * 0.6, y + cell_y * 0.6)
        if any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in taken):
            continue
        taken.append(box)
        placed.append(i)
    return placed


def draw_map(plot: PlotextPlot, block: dict, answer: Answer | None = None) -> int:
    """The map on a plotext plot: zoomed to `answer.focus` when it has one, the whole map otherwise.
    Returns how many of the points the answer names (besides the focus) fall inside the window."""
    plt = plot.plt
    plt.clear_figure()
    points, labels = block.get("points", []), block.get("labels", [])
    if not points:
        plot.refresh()
        return 0
    zoomed = answer is not None and answer.focus is not None
    if zoomed:
        around = nearest_on_map(points, answer.focus, ZOOM_POINTS)
        window = window_around(points, around)
        plt.title(f"{block.get('title', '')} · around {shown(labels[answer.focus])} (enter on an empty box: whole map)")
    else:
        window = window_around(points, list(range(len(points))))
        plt.title(block.get("title", ""))
    x0, x1, y0, y1 = window
    inside = [i for i, (x, y) in enumerate(points) if x0 <= x <= x1 and y0 <= y <= y1]
    plt.scatter([points[i][0] for i in inside], [points[i][1] for i in inside], marker="braille", color=DOTS)
    inside_set = set(inside)
    marked = [i for i in (answer.marked if zoomed else ()) if i in inside_set]
    if marked:  # a marked point whose label loses to a neighbour's still shows as an orange dot
        plt.scatter([points[i][0] for i in marked], [points[i][1] for i in marked], marker="•", color=MARKED)
    width, height = plot.size
    cells = (max((width or 80) - AXES_COLUMNS, 10), max((height or 18) - AXES_ROWS, 5))
    if zoomed:
        candidates = [answer.focus, *marked, *around]
    else:
        candidates = [label_index for label in block.get("labelled", []) if (label_index := _index(labels, label)) is not None]
    for i in place_labels(points, labels, list(dict.fromkeys(candidates)), window, cells):
        colour = FOCUS if zoomed and i == answer.focus else MARKED if i in marked else None
        plt.text(shown(labels[i]), points[i][0], points[i][1], alignment="center", color=colour or LABELS,
                 background="default")
    plt.xlim(x0, x1)
    plt.ylim(y0, y1)
    plt.xticks([])  # PCA coordinates have no units worth reading: only their arrangement matters
    plt.yticks([])
    plt.xlabel("first principal axis →, second ↑")
    plot.refresh()
    return len([i for i in marked if i != answer.focus])


def _index(labels: list[str], label: str) -> int | None:
    try:
        return labels.index(label)
    except ValueError:
        return None


class EmbeddingMap(Vertical):
    """One scatter block: what it shows, the map, and (when the block has vectors) the query box."""

    class Answered(Message):
        """A query came back from the worker."""

        def __init__(self, query: str, answer: Answer) -> None:
            super().__init__()
            self.query = query
            self.answer = answer

    def __init__(self, block: dict, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.block = block
        self.answer: Answer | None = None  # the answer shown now
        self._space: EmbeddingSpace | None = None  # built on the first query, in the worker

    @property
    def explorable(self) -> bool:
        return bool(self.block.get("vectors"))

    def compose(self) -> ComposeResult:
        if self.block.get("about"):
            yield Static(self.block["about"], classes="map-about", markup=False)
        plot = PlotextPlot(classes="map-plot")
        yield plot
        if self.explorable:
            noun = self.block.get("noun", "point")
            yield Input(placeholder=f"a {noun}, then enter: its nearest {noun}s · three (a b c): a : b :: c : ?",
                        classes="map-query")
            yield Static("", classes="map-answer", markup=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.redraw)  # label placement needs the plot's size

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)

    def redraw(self) -> int:
        """Draw the map for the answer shown; how many of the words it names fall in the window."""
        return draw_map(self.query_one(PlotextPlot), self.block, self.answer)

    def ask(self, query: str) -> None:
        """Answer `query` as if typed into the box (tests and the screen use this too)."""
        self.query_one(Input).value = query
        self.answer_query(query)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.answer_query(event.value)

    @work(thread=True, exclusive=True, group="map-query", exit_on_error=False)
    def answer_query(self, query: str) -> None:
        if self._space is None:
            self._space = EmbeddingSpace(self.block)
        self.post_message(self.Answered(query, self._space.answer(query)))

    def on_embedding_map_answered(self, message: Answered) -> None:
        message.stop()
        answer = message.answer
        text = self.query_one(".map-answer", Static)
        text.set_class(answer.error, "-error")
        if answer.error:  # the map stays as it was
            text.update(answer.text)
            return
        self.answer = answer if answer.text else None
        on_map = self.redraw()
        if self.answer is None:
            text.update("")
            return
        named = len([i for i in answer.marked if i != answer.focus])
        noun = self.block.get("noun", "point")
        text.update(f"{answer.text}\n{on_map} of the {named} other {noun}s named here fall in this window of the map "
                    "(in orange): the map is a 2-D shadow, the cosines are measured in the full space.")

    @property
    def answer_text(self) -> str:
        return str(self.query_one(".map-answer", Static).content) if self.explorable else ""
