"""A live line chart of a training run's metrics (plotext), fed row by row from metrics.jsonl.

    chart = MetricsChart("loss", {"train": "train_loss", "val": "val_loss"}, smoothable={"train_loss"})
    chart.extend(rows)      # new rows from the tail; redraws
    chart.smooth = True     # EMA of the noisy per-batch series
    chart.log_y = True      # the y axis in log scale

Rows lacking a field are skipped for that series, so eval-only fields (val_loss) plot at eval
steps only. A target (e.g. nanoGPT's 1.88 for the baby config) is drawn as a horizontal line.
"""

from __future__ import annotations

import math

from textual.reactive import reactive
from textual_plotext import PlotextPlot

from app.engine.run_summary import ema
from app.widgets.experiment_result import log_ticks, whole_ticks


COLOURS = ("cyan", "orange", "magenta", "green")  # one per series, in order; the target is grey


class MetricsChart(PlotextPlot):
    smooth: reactive[bool] = reactive(False)
    log_y: reactive[bool] = reactive(False)

    def __init__(self, title: str, series: dict[str, str], *, smoothable: set[str] = frozenset(),
                 target: float | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        self.series = series  # legend label -> metrics field
        self.smoothable = smoothable
        self.target = target
        self.rows: list[dict] = []

    def on_mount(self) -> None:
        self.replot()

    def extend(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        self.replot()

    def reset(self, rows: list[dict] = (), target: float | None = None) -> None:
        self.rows = list(rows)
        self.target = target
        self.replot()

    def watch_smooth(self) -> None:
        self.replot()

    def watch_log_y(self) -> None:
        self.replot()

    def points(self, field: str) -> tuple[list[int], list[float]]:
        """(steps, values) of one series as drawn: smoothed and log10'd when those are on."""
        pairs = [(row["step"], row[field]) for row in self.rows
                 if isinstance(row.get(field), (int, float)) and math.isfinite(row[field])]
        steps, values = [step for step, _ in pairs], [value for _, value in pairs]
        if self.smooth and field in self.smoothable:
            values = ema(values)
        if self.log_y:
            steps, values = zip(*[(s, math.log10(v)) for s, v in zip(steps, values) if v > 0]) if values else ((), ())
        return list(steps), list(values)

    def replot(self) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title(self.title + (" (smoothed)" if self.smooth and self.smoothable else ""))
        drawn = {field: self.points(field) for field in self.series.values()}
        shown_x = [step for steps, _ in drawn.values() for step in steps]
        shown_y = [value for _, values in drawn.values() for value in values]
        if self.target is not None and shown_x:  # first, so the curves are drawn over it
            line = math.log10(self.target) if self.log_y else self.target
            plt.plot([min(shown_x), max(shown_x)], [line, line], label=f"target {self.target:g}", marker="braille", color="gray")
            shown_y.append(line)
        for colour, (label, field) in zip(COLOURS, self.series.items()):
            steps, values = drawn[field]
            if steps:
                plt.plot(steps, values, label=label, marker="braille", color=colour)
        if shown_x:
            plt.xticks(whole_ticks(min(shown_x), max(shown_x), most=5))
        if self.log_y and shown_y:
            plt.yticks(*log_ticks(min(shown_y), max(shown_y)))
        self.refresh()
