"""Snapshots of the training dashboard and the sampler on a pre-written run.

After a layout change: `pytest tests/test_training_snapshots.py --snapshot-update`, then look
at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.tui import create_app
from run_fixtures import write_run
from test_training_screen import FakeTraining, fake_sample_command, wait_until
from tui_fakes import FIXTURE_COURSE, FakeGrader


@pytest.fixture
def app(workspace: Path):
    write_run(workspace, steps=600)
    return create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=FakeGrader(), watch=False,
                      training=FakeTraining(workspace), sample_command=fake_sample_command)


async def dashboard(pilot) -> None:
    await pilot.pause()
    await pilot.press("t")
    await wait_until(pilot, lambda: len(pilot.app.screen.query_one("#loss-chart").rows) == 61)
    await pilot.pause(0.2)


async def samples(pilot) -> None:
    await dashboard(pilot)
    await pilot.press("g")
    await pilot.pause()
    pilot.app.screen.query_one("#prompt").cursor_blink = False  # a blinking cursor would make the picture random
    await pilot.press("ctrl+g")
    sampler = pilot.app.screen
    await wait_until(pilot, lambda: sampler.columns and all(column.state == "done" for column in sampler.columns))
    await pilot.pause(0.2)


def test_dashboard_100x32(snap_compare, app):
    assert snap_compare(app, terminal_size=(100, 32), run_before=dashboard)


def test_dashboard_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=dashboard)


def test_sampler_compares_checkpoints(snap_compare, app):
    assert snap_compare(app, terminal_size=(100, 32), run_before=samples)
