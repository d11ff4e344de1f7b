"""Snapshots of every screen on the frozen fixture course, with a scripted grader.

After a change to the layout: `pytest tests/test_app_snapshots.py --snapshot-update`, then
look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from conftest import grant

from app.engine.course import load_course
from app.tui import create_app
from tui_fakes import (
    FIXTURE_COURSE,
    SDPA,
    FakeExperiments,
    FakeGrader,
    sdpa_failed,
    select_in_tree,
    wait_for_checks,
    wait_for_experiment,
    wait_for_lesson,
)

COURSE = load_course(FIXTURE_COURSE)


@pytest.fixture
def app(workspace: Path):
    grader = FakeGrader().script(SDPA, sdpa_failed())
    return create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=grader, watch=False)


async def failed_check(pilot) -> None:
    await wait_for_lesson(pilot)
    await pilot.press("r")
    await wait_for_checks(pilot)


def test_failed_check_100x32(snap_compare, app):
    assert snap_compare(app, terminal_size=(100, 32), run_before=failed_check)


def test_failed_check_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=failed_check)


def test_hint_revealed(snap_compare, app):
    assert snap_compare(app, terminal_size=(100, 32), press=["h"], run_before=wait_for_lesson)


def test_reset_confirmation(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["x"], run_before=wait_for_lesson)


def test_solution(snap_compare, workspace):
    grant(workspace, {SDPA: "passed"}, {SDPA: "all 3 checks pass"}, current=SDPA)
    app = create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=FakeGrader(), watch=False)
    assert snap_compare(app, terminal_size=(100, 32), press=["s"], run_before=wait_for_lesson)


def test_lesson_without_exercises(snap_compare, app):
    async def open_transformer(pilot) -> None:
        await wait_for_lesson(pilot)
        await select_in_tree(pilot, COURSE.lesson("transformer"))
        await wait_for_lesson(pilot)

    assert snap_compare(app, terminal_size=(100, 32), run_before=open_transformer)


def experiment_app(workspace: Path, runs: FakeExperiments):
    return create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=FakeGrader(), watch=False, experiment_run=runs)


async def open_compare_attention(pilot) -> None:
    await wait_for_lesson(pilot)
    await select_in_tree(pilot, COURSE.experiment("attention.compare_attention"))
    await wait_for_experiment(pilot)


def test_experiment_result_100x32(snap_compare, workspace):
    """The canned result from the top: whose code ran, the log-scale plot, the table."""
    app = experiment_app(workspace, FakeExperiments())
    assert snap_compare(app, terminal_size=(100, 32), run_before=open_compare_attention)


def test_experiment_result_80x24(snap_compare, workspace):
    """The canned result scrolled to its end: a yours/reference pair of 6×6 heatmaps."""
    app = experiment_app(workspace, FakeExperiments())
    assert snap_compare(app, terminal_size=(80, 24), press=["end"], run_before=open_compare_attention)


def test_experiment_running_80x24(snap_compare, workspace):
    runs = FakeExperiments()
    runs.gate = threading.Event()  # never set: the run stays at "step 2 of 4"

    async def running(pilot) -> None:
        await wait_for_lesson(pilot)
        await select_in_tree(pilot, COURSE.experiment("attention.heads_specialise"))
        while "step 2 of 4" not in str(pilot.app.screen.query_one("#message").content):
            await pilot.pause(0.02)

    assert snap_compare(experiment_app(workspace, runs), terminal_size=(80, 24), run_before=running)


def test_embedding_map_zoomed_to_a_word_100x32(snap_compare, workspace):
    """A scatter block after the query "thou": zoomed to its neighbourhood, neighbours in orange, the list below."""
    from embedding_fakes import canned_map_result

    runs = FakeExperiments()
    runs.outcomes["attention.compare_attention"] = canned_map_result()

    async def ask_thou(pilot) -> None:
        await open_compare_attention(pilot)
        for box in pilot.app.screen.query("Input"):
            box.cursor_blink = False  # a blinking cursor would make the picture random
        await pilot.press("slash", *"thou", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(experiment_app(workspace, runs), terminal_size=(100, 32), run_before=ask_thou)
