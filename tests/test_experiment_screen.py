"""Lesson experiments in the app: opened from the tree or the palette, run with a fake runner
(and once with the real one), cancelled, failed, shown from a saved result."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, OptionList, ProgressBar, Static
from textual_plotext import PlotextPlot

from app.engine.course import load_course
from app.engine.experiments import ExperimentFailed
from app.screens.course import CourseScreen
from app.screens.experiment import ExperimentScreen
from app.tui import create_app
from app.widgets.attention_heatmap import AttentionHeatmap
from app.widgets.embedding_map import EmbeddingMap
from app.widgets.heatmap_group import HeatmapGroup
from app.widgets.lesson_tree import LessonTree
from embedding_fakes import canned_map_result
from tui_fakes import FIXTURE_COURSE, FakeExperiments, FakeGrader, canned_result, select_in_tree, wait_for_experiment

COURSE = load_course(FIXTURE_COURSE)
COMPARE = COURSE.experiment("attention.compare_attention")
HEADS = COURSE.experiment("attention.heads_specialise")
SIZE = (100, 32)


@pytest.fixture
def runs() -> FakeExperiments:
    return FakeExperiments()


@pytest.fixture
def app(workspace: Path, runs: FakeExperiments):
    return create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=FakeGrader(), watch=False, experiment_run=runs)


def message_text(screen: ExperimentScreen) -> str:
    return str(screen.query_one("#message", Static).content)


def heatmap_titles(screen) -> list[str]:
    return [heatmap.title for heatmap in screen.query(AttentionHeatmap)]


async def open_from_tree(pilot, experiment) -> ExperimentScreen:
    await select_in_tree(pilot, experiment)
    screen = pilot.app.screen
    assert isinstance(screen, ExperimentScreen) and screen.experiment == experiment
    return screen


async def test_the_tree_lists_experiments_after_the_exercises(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(LessonTree)
        branch = tree.root.children[0]
        lesson = COURSE.lesson("attention")
        assert [node.data for node in branch.children] == [*lesson.exercises, *lesson.experiments]
        label = tree.render_label(branch.children[-1], tree.rich_style, tree.rich_style).plain
        assert label == "▶ What do heads learn?"


async def test_an_experiment_shows_progress_then_its_result(app, runs):
    runs.gate = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_tree(pilot, COMPARE)
        deadline = time.monotonic() + 5
        while "step 2 of 4" not in message_text(screen):
            assert time.monotonic() < deadline, message_text(screen)
            await pilot.pause(0.02)
        assert screen.state == "running"
        assert screen.query_one("#progress", ProgressBar).progress == 50
        assert screen.query_one("#progress").display and not screen.query("#result")
        runs.gate.set()
        await wait_for_experiment(pilot)
        assert screen.state == "done" and not screen.query_one("#status").display
        header = str(screen.query_one("#result .result-header", Static).content)
        assert header == "Uses the reference's MultiHeadAttention (yours does not pass yet) · seed 0 · ran in 2.5 s"
        assert len(screen.query(PlotextPlot)) == 1
        table = screen.query_one("#result .table", Static).content
        assert [column.header for column in table.columns] == ["distance", "rnn", "attention"]
        assert "falls geometrically" in screen.query_one(Markdown).source
        (group,) = screen.query(HeatmapGroup)
        assert heatmap_titles(screen) == ["head 0: yours", "head 0: reference"]  # two stacks of two
        assert group.columns == 2  # side by side at 100 columns
        await pilot.press("right_square_bracket")
        assert heatmap_titles(screen) == ["head 1: yours", "head 1: reference"]
        assert [run.experiment.id for run in runs.runs] == [COMPARE.id]


async def test_c_cancels_a_running_experiment_and_r_runs_it_again(app, runs):
    runs.gate = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_tree(pilot, COMPARE)
        await pilot.pause(0.05)
        assert screen.state == "running"
        await pilot.press("c")
        await wait_for_experiment(pilot, ("cancelled",))
        assert runs.runs[0].cancelled
        assert message_text(screen) == "Cancelled. Press r to run it again."
        runs.gate.set()
        await pilot.press("r")
        await wait_for_experiment(pilot, ("done",))
        assert len(runs.runs) == 2 and not runs.runs[1].cancelled
        assert screen.query(HeatmapGroup)


async def test_leaving_a_running_experiment_cancels_it(app, runs):
    runs.gate = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        await open_from_tree(pilot, HEADS)
        await pilot.pause(0.05)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CourseScreen)
        deadline = time.monotonic() + 5
        while not runs.runs[0].cancelled:
            assert time.monotonic() < deadline, "leaving the screen did not cancel the run"
            await pilot.pause(0.02)


async def test_a_failed_experiment_says_why_in_one_line_and_the_app_stays_up(app, runs):
    runs.outcomes[HEADS.id] = ExperimentFailed("What do heads learn? failed: KeyError: 'rnn' (attention.py:12)\nTraceback…")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_tree(pilot, HEADS)
        await wait_for_experiment(pilot)
        assert screen.state == "failed"
        assert message_text(screen) == "✗ What do heads learn? failed: KeyError: 'rnn' (attention.py:12)  (r runs it again)"
        assert not screen.query("#result")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CourseScreen)
        screen = await open_from_tree(pilot, COMPARE)  # another one still runs
        await wait_for_experiment(pilot)
        assert screen.state == "done"


async def test_a_saved_result_shows_without_starting_a_run(app, runs):
    runs.saved[COMPARE.id] = canned_result()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_tree(pilot, COMPARE)
        await wait_for_experiment(pilot)
        assert screen.state == "done"
        assert not runs.runs[0].started
        assert str(screen.query_one("#result .result-header", Static).content).endswith("ran in 2.5 s (saved result)")
        await pilot.press("r")  # nothing to run: the result is already there
        await pilot.pause()
        assert len(runs.runs) == 1


async def test_the_command_palette_runs_an_experiment(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"heads learn")
        results = app.screen.query_one(OptionList)
        deadline = time.monotonic() + 10
        while "What do heads learn?" not in str(results.get_option_at_index(0).prompt if results.option_count else ""):
            assert time.monotonic() < deadline, "the palette found nothing"
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExperimentScreen) and app.screen.experiment == HEADS
        await wait_for_experiment(pilot)


async def test_the_real_runner_draws_your_attention_beside_the_reference(workspace):
    # the real ExperimentRun: a child process runs lessons/attention/experiments.py
    app = create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=FakeGrader(), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_tree(pilot, COMPARE)
        await wait_for_experiment(pilot, timeout_s=60)
        assert screen.state == "done", screen.error
        header = str(screen.query_one("#result .result-header", Static).content)
        assert header.startswith("Uses the reference's MultiHeadAttention (yours does not pass yet) · seed 0")
        yours, reference = screen.query(AttentionHeatmap)
        assert yours.keys == [f"head {h}: yours" for h in range(4)]
        assert reference.keys == [f"head {h}: reference" for h in range(4)]
        assert len(yours.matrix) == 32 and yours.col_labels[:7] == ["R", "O", "M", "E", "O", ":", "\\n"]
    assert list((workspace / ".tinylm" / "experiments").glob("attention.compare_attention-*/result.json"))


async def ask_the_map(pilot, query: str) -> None:
    """Type `query` into the focused query box, press enter, wait for the answer."""
    box = pilot.app.screen.query_one(Input)
    box.value = ""
    await pilot.press(*query, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_an_embedding_map_answers_neighbours_and_analogies_and_names_an_unknown_word(app, runs):
    runs.outcomes[COMPARE.id] = canned_map_result()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_tree(pilot, COMPARE)
        await wait_for_experiment(pilot)
        (embedding_map,) = screen.query(EmbeddingMap)
        assert embedding_map.explorable and embedding_map.answer is None
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await ask_the_map(pilot, "thou")
        labels = embedding_map.block["labels"]
        assert labels[embedding_map.answer.focus] == "thou"
        assert embedding_map.answer_text.startswith("Nearest to thou: thy 0.98, he 0.98, his 0.98")
        assert "fall in this window of the map" in embedding_map.answer_text
        await ask_the_map(pilot, "man king woman")
        assert embedding_map.answer_text.startswith("man : king :: woman : ?  queen 0.95")
        assert labels[embedding_map.answer.focus] == "queen"
        await ask_the_map(pilot, "xyzzy")
        assert embedding_map.answer_text == "“xyzzy” is not among the 22 words of this map."
        assert embedding_map.query_one(".map-answer").has_class("-error")
        assert labels[embedding_map.answer.focus] == "queen"  # the map stays where it was
        await ask_the_map(pilot, "")  # an empty query: the whole map again
        assert embedding_map.answer is None and embedding_map.answer_text == ""
        await pilot.press("escape")  # leaves the box, not the screen
        assert app.screen is screen and not isinstance(app.focused, Input)
        await pilot.press("escape")
        assert isinstance(app.screen, CourseScreen)


async def test_ask_is_offered_only_where_a_map_has_vectors(app, runs):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_tree(pilot, COMPARE)  # the canned result: heatmaps, no map
        await wait_for_experiment(pilot)
        assert screen.check_action("ask", ()) is False
        await pilot.press("slash")
        assert not isinstance(app.focused, Input)
