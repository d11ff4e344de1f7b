"""The training dashboard and the sampler, fed by a run directory written as the worker writes one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.engine.runs import append_jsonl
from app.screens.experiment import ExperimentScreen
from app.screens.sampler import SamplerScreen, default_steps
from app.screens.training import TrainingScreen
from app.tui import create_app
from app.widgets.attention_heatmap import AttentionHeatmap
from app.widgets.metrics_chart import MetricsChart
from run_fixtures import attention_snapshot, write_run
from tui_fakes import FIXTURE_COURSE, FakeGrader


class FakeTraining:
    """Starts "runs" by writing their directory, so the dashboard can follow them."""

    def __init__(self, root: Path):
        self.root = root
        self.calls: list[tuple] = []

    def presets(self) -> dict[str, str]:
        return {"tiny": "2 layers", "baby": "4 layers"}

    def start(self, preset: str, corpus: str, overrides: list[str]) -> str:
        self.calls.append(("start", preset, corpus, overrides))
        write_run(self.root, f"{preset}-new", steps=100, state="running")
        return f"{preset}-new"

    def stop(self, name: str) -> str:
        self.calls.append(("stop", name))
        raise RuntimeError(f"run {name} is not running (state finished)")

    def resume(self, name: str) -> str:
        self.calls.append(("resume", name))
        return f"{name} is running again"


FAKE_SAMPLER = Path(__file__).with_name("fake_sampler.py")


def fake_sample_command(root, run, step, prompt, options):
    return [sys.executable, str(FAKE_SAMPLER), str(step), json.dumps(options), prompt]


@pytest.fixture
def app(workspace: Path):
    return create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=FakeGrader(), watch=False,
                      training=FakeTraining(workspace), sample_command=fake_sample_command)


async def open_dashboard(pilot) -> TrainingScreen:
    await pilot.pause()
    await pilot.press("t")
    screen = pilot.app.screen
    assert isinstance(screen, TrainingScreen)
    await wait_until(pilot, lambda: screen.query_one("#loss-chart", MetricsChart).rows)
    return screen


async def wait_until(pilot, condition, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen did not get there in time")


async def test_dashboard_shows_a_finished_run(app, workspace):
    write_run(workspace, steps=600)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_dashboard(pilot)
        loss = screen.query_one("#loss-chart", MetricsChart)
        assert len(loss.rows) == 61 and loss.target == 1.88
        steps, values = loss.points("val_loss")
        assert steps == [0, 100, 200, 300, 400, 500, 600] and values[0] > values[-1]
        stats = str(screen.query_one("#run-stats").render())
        assert "finished" in stats and "step 600 / 2,000" in stats and "best 1.8" in stats and "model: yours · fused attention" in stats
        assert "sample at step 600" in str(screen.query_one("#samples-text").render())
        heatmap = screen.query_one(AttentionHeatmap)
        assert len(heatmap.keys) == 4 and heatmap.title == "layer 1 · head 1 · step 600"
        await pilot.press("]")
        assert heatmap.title == "layer 1 · head 2 · step 600"


async def test_dashboard_follows_a_growing_run_and_a_resume(app, workspace):
    run = write_run(workspace, steps=100, state="running")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_dashboard(pilot)
        loss = screen.query_one("#loss-chart", MetricsChart)
        assert loss.rows[-1]["step"] == 100
        append_jsonl(run.metrics_path, {"step": 110, "train_loss": 2.0, "lr": 1e-3, "grad_norm": 1.0, "tokens_per_s": 1.0})
        run.attention_dir.joinpath("step-00000110.json").write_text(json.dumps(attention_snapshot(110)))
        await wait_until(pilot, lambda: loss.rows[-1]["step"] == 110)
        heatmap = screen.query_one(AttentionHeatmap)
        await wait_until(pilot, lambda: "step 110" in heatmap.title)
        run.metrics_path.write_text(json.dumps({"step": 0, "train_loss": 4.2, "val_loss": 4.2}) + "\n")  # resumed from 0
        await wait_until(pilot, lambda: [row["step"] for row in loss.rows] == [0])


async def test_smoothing_and_log_scale_change_the_drawn_curve(app, workspace):
    write_run(workspace, steps=600)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_dashboard(pilot)
        loss = screen.query_one("#loss-chart", MetricsChart)
        raw = loss.points("train_loss")[1]
        await pilot.press("e")
        smoothed = loss.points("train_loss")[1]
        assert smoothed[0] == pytest.approx(raw[0]) and smoothed != raw
        wiggle = lambda values: sum(abs(b - a) for a, b in zip(values, values[1:]))  # noqa: E731
        assert wiggle(smoothed) < wiggle(raw)
        await pilot.press("l")
        assert max(loss.points("train_loss")[1]) < 1  # log10 of losses below 10


async def test_starting_a_run_from_the_dashboard(app, workspace):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        screen = pilot.app.screen
        assert screen.has_class("-empty")
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one("#overrides").value = "max_steps=100"
        await pilot.click("#start")
        await wait_until(pilot, lambda: screen.run_name == "tiny-new")
        assert pilot.app.training.calls == [("start", "tiny", "shakespeare", ["max_steps=100"])]
        assert not screen.has_class("-empty")


async def test_a_refused_stop_is_one_line_not_a_crash(app, workspace):
    write_run(workspace, steps=600)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_dashboard(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: pilot.app._notifications)
        (notification,) = list(pilot.app._notifications)
        assert notification.message == "run baby-20261127-081500 is not running (state finished)"
        assert screen.is_current


def test_default_checkpoints_to_compare():
    assert default_steps([0, 250, 500, 1000, 2000]) == [0, 500, 2000]
    assert default_steps([100, 200]) == [100, 200]


async def test_sampler_streams_one_column_per_checkpoint(app, workspace):
    write_run(workspace, steps=600)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("g")
        sampler = pilot.app.screen
        assert isinstance(sampler, SamplerScreen)
        await pilot.pause()
        assert list(sampler.query_one("#steps").selected) == [0, 300, 600]
        sampler.query_one("#seed").value = "7"
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: sampler.columns and all(column.state != "sampling" for column in sampler.columns))
        texts = {column.border_title: column.generated for column in sampler.columns}
        assert texts["step 0"] == " from step 0 with seed 7"
        assert texts["step 600"] == " from step 600 with seed 7"
        assert sampler.columns[0].prompt == "ROMEO:"


async def test_sampler_reports_a_bad_option_and_a_failing_checkpoint(app, workspace):
    write_run(workspace, steps=600)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("g")
        sampler = pilot.app.screen
        await pilot.pause()
        sampler.query_one("#top_k").value = "many"
        await pilot.press("ctrl+g")
        assert "top-k must be a whole number, not 'many'" in str(sampler.query_one("#sampler-message").render())
        sampler.query_one("#top_k").value = ""
        sampler.query_one("#prompt").value = "é"  # the fake refuses it, as a char model would
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: sampler.columns and all(column.state == "failed" for column in sampler.columns))
        assert sampler.columns[0].border_subtitle == "'é' is not among this corpus's 65 characters"


async def test_evaluating_a_run_whose_checkpoint_is_gone_is_one_line(app, workspace):
    write_run(workspace, steps=600)  # checkpoints.json names files that are not there
    async with app.run_test(size=(100, 32)) as pilot:
        await open_dashboard(pilot)
        await pilot.press("v")
        screen = pilot.app.screen
        assert isinstance(screen, ExperimentScreen)
        await wait_until(pilot, lambda: screen.state == "failed")
        assert screen.error.endswith("ckpt-00000600.pt is missing")


async def test_a_run_started_from_the_shell_appears_on_an_open_dashboard(app, workspace):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        screen = pilot.app.screen
        assert screen.has_class("-empty")
        write_run(workspace, "tiny-from-shell", steps=100, state="running")
        await wait_until(pilot, lambda: screen.run_name == "tiny-from-shell" and not screen.has_class("-empty"))
        await wait_until(pilot, lambda: screen.query_one("#loss-chart", MetricsChart).rows)
