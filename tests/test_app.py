"""The app driven through Pilot at 100×32 with a scripted grader.

Most tests use the short fixture course (tests/fixtures/course: the real manifest and
reference of lesson 12.1, short lesson texts); the first and the last two use the real one.
"""

from __future__ import annotations

import contextlib
import json
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import grant
from textual.widgets import OptionList, Static

from app.engine.course import load_course
from app.engine.grader import GraderError
from app.screens.confirm import ConfirmScreen
from app.screens.course import CourseScreen
from app.screens.solution import SolutionScreen
from app.tui import create_app
from app.widgets.exercise_panel import ExercisePanel
from app.widgets.lesson_tree import LessonTree
from app.widgets.lesson_view import LessonView
from tui_fakes import FIXTURE_COURSE, SDPA, FakeGrader, sdpa_failed, sdpa_passed, sdpa_shape_mismatch, select_in_tree, wait_for_checks, wait_for_lesson

REPO_ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course(FIXTURE_COURSE)
REAL_COURSE = load_course()
SIZE = (100, 32)


def progress(workspace: Path) -> dict:
    return json.loads((workspace / ".tinylm" / "progress.json").read_text())


def panel_text(app) -> str:
    panel = app.screen.query_one(ExercisePanel)
    return "\n".join([str(panel.border_title), *(str(static.content) for static in panel.query(Static))])


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


@pytest.fixture
def grader(workspace) -> FakeGrader:
    return FakeGrader(workspace)


@pytest.fixture
def app(workspace: Path, grader: FakeGrader):
    return create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=grader, watch=False)


async def test_tree_lists_every_lesson_in_order_with_exercise_marks(workspace, grader):
    grant(workspace, {SDPA: "passed", "attention.causal_mask": "failed"}, current=SDPA)
    app = create_app(workspace, grader=grader, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "tinylm-tui"
        tree = app.screen.query_one(LessonTree)
        lessons = [node.data.heading for node in tree.root.children]
        assert lessons == [lesson.heading for lesson in REAL_COURSE.lessons]
        assert "12 Transformer architecture" in lessons  # a lesson without exercises is still listed
        assert [tree.mark(exercise.id) for exercise in REAL_COURSE.lesson("attention").exercises] == ["✓", "✗", "·", "·", "·", "·"]
        await wait_for_lesson(pilot)
        assert app.screen.query_one(LessonView).source == REAL_COURSE.lesson("attention").text
        leaf = tree.root.children[0].children[0]
        label = tree.render_label(leaf, tree.rich_style, tree.rich_style).plain
        assert label.startswith("✓ Scaled dot-product att")  # cut with … to fit the sidebar
        assert grader.warmed_up.wait(5)
    assert grader.closed


async def test_selecting_lessons_changes_the_markdown_shown(app):
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_lesson(pilot)
        view = app.screen.query_one(LessonView)
        assert view.source == COURSE.lesson("attention").text
        for slug in ("transformer", "attention"):
            lesson = COURSE.lesson(slug)
            await select_in_tree(pilot, lesson)
            await wait_for_lesson(pilot)
            assert view.source == lesson.text
            assert app.screen.sub_title == lesson.heading
        # reading a lesson does not change the current exercise
        assert app.screen.exercise.id == SDPA


async def test_selecting_an_exercise_makes_it_current_and_shows_its_lesson(app, workspace):
    async with app.run_test(size=SIZE) as pilot:
        await select_in_tree(pilot, COURSE.lesson("transformer"))
        mha = COURSE.exercise("attention.MultiHeadAttention")
        await select_in_tree(pilot, mha)
        assert progress(workspace)["current"] == mha.id
        assert app.screen.lesson.slug == "attention"
        assert "12.1 · Multi-head attention (3/3)" in panel_text(app)


async def test_r_checks_and_shows_the_verdict_in_panel_and_tree(app, grader):
    grader.script(SDPA, sdpa_failed(), sdpa_passed())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "not checked yet" in panel_text(app)
        await pilot.press("r")
        await wait_for_checks(pilot)
        text = panel_text(app)
        assert "✗ 1 of 3 checks fail: scores are not divided by √d_k" in text
        assert "max |Δ| 0.412" in text
        assert "gradients reach q, k and v" in text
        assert app.screen.query_one(LessonTree).mark(SDPA) == "✗"

        await pilot.press("r")
        await wait_for_checks(pilot)
        assert "✓ all 3 checks pass" in panel_text(app)
        assert "press n for the next exercise" in panel_text(app)
        assert app.screen.query_one(LessonTree).mark(SDPA) == "✓"
        assert grader.calls == [SDPA, SDPA]


async def test_the_panel_says_checking_while_a_check_runs(app, grader):
    grader.script(SDPA, sdpa_passed())
    grader.gate = threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert "checking…" in panel_text(app)
        grader.gate.set()
        await wait_for_checks(pilot)
        assert "checking…" not in panel_text(app)
        assert "✓ all 3 checks pass" in panel_text(app)


async def test_panel_shows_shapes_and_learner_output(app, grader):
    grader.script(SDPA, sdpa_shape_mismatch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_for_checks(pilot)
        text = panel_text(app)
        assert "shape (4, 8), expected (4, 4)" in text
        assert "debug: scores.shape = torch.Size([4, 8])" in text


async def test_a_grader_error_is_one_line_and_the_app_stays_up(app, grader):
    grader.script(SDPA, GraderError("the grader process failed to start: ImportError: no torch\nmore"), sdpa_passed())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_for_checks(pilot)
        assert "grader error: the grader process failed to start: ImportError: no torch" in panel_text(app)
        assert "more" not in panel_text(app)
        await pilot.press("r")
        await wait_for_checks(pilot)
        assert "✓ all 3 checks pass" in panel_text(app)
        assert "grader error" not in panel_text(app)


async def test_h_reveals_hints_one_by_one(app, workspace):
    hints = COURSE.exercise(SDPA).hints
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "h")
        await pilot.pause()
        text = panel_text(app)
        assert f"Hint 1/{len(hints)}  {hints[0]}" in text
        assert f"Hint 2/{len(hints)}  {hints[1]}" in text
        assert "Hint 3/" not in text
        assert progress(workspace)["exercises"][SDPA]["hints_revealed"] == 2
        for _ in range(len(hints) - 1):
            await pilot.press("h")
        await pilot.pause()
        assert progress(workspace)["exercises"][SDPA]["hints_revealed"] == len(hints)
        assert f"All {len(hints)} hints are already shown." in notifications(app)


async def test_x_resets_to_the_stub_after_confirming(app, workspace, grader):
    learner_file = workspace / "core" / "attention.py"
    shipped = learner_file.read_text()
    edited = shipped.replace("    raise NotImplementedError", "    return q, k  # my attempt", 1)
    learner_file.write_text(edited)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # changed my mind
        await pilot.pause()
        assert isinstance(app.screen, CourseScreen)
        assert learner_file.read_text() == edited

        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await wait_for_checks(pilot)
        assert learner_file.read_text() == shipped
        backups = list((workspace / ".tinylm" / "backups").glob("*-attention.py"))
        assert [backup.read_text() for backup in backups] == [edited]
        assert any("to its stub" in message and ".tinylm/backups/" in message for message in notifications(app))
        assert grader.calls == [SDPA]  # the reset is checked right away


async def test_s_is_locked_until_three_failed_checks(app, workspace, grader):
    grader.script(SDPA, sdpa_failed())
    learner_file = workspace / "core" / "attention.py"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CourseScreen)
        assert any("unlocks once the exercise passes or after 3 failed attempts (0 so far)" in message
                   for message in notifications(app))
        await pilot.press("r")
        await wait_for_checks(pilot)
        await pilot.press("r")  # the same file again: not another attempt
        await wait_for_checks(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CourseScreen)
        assert any("(1 so far)" in message for message in notifications(app))
        for attempt in range(2):
            learner_file.write_text(learner_file.read_text() + f"\n# attempt {attempt}\n")
            await pilot.press("r")
            await wait_for_checks(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SolutionScreen)
        assert "return weights @ v, weights" in app.screen.source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CourseScreen)


async def test_applying_the_solution_after_a_pass(app, workspace, grader):
    grader.script(SDPA, sdpa_passed())
    learner_file = workspace / "core" / "attention.py"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_for_checks(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SolutionScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_for_checks(pilot)
        assert isinstance(app.screen, CourseScreen)
        assert "return weights @ v, weights" in learner_file.read_text()
        assert any("wrote the solution" in message for message in notifications(app))
        assert grader.calls == [SDPA, SDPA]


async def test_n_moves_to_the_next_exercise(app, workspace):
    exercises = COURSE.lesson("attention").exercises
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.exercise == exercises[1]
        assert progress(workspace)["current"] == exercises[1].id
        assert f"12.1 · {exercises[1].title} (2/3)" in panel_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.exercise == exercises[2]


async def test_e_opens_the_editor_then_checks(app, workspace, grader, monkeypatch):
    script = "import sys; open(sys.argv[1], 'a').write('# edited\\n')"
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}")
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # headless: nothing to suspend
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await wait_for_checks(pilot)
        assert (workspace / "core" / "attention.py").read_text().endswith("# edited\n")
        assert grader.calls == [SDPA]


async def test_command_palette_goes_to_an_exercise(app, workspace):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"causal mask")
        results = app.screen.query_one(OptionList)
        deadline = time.monotonic() + 10
        while "causal mask" not in str(results.get_option_at_index(0).prompt if results.option_count else ""):
            assert time.monotonic() < deadline, "the palette found nothing"
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.exercise.id == "attention.causal_mask"
        assert progress(workspace)["current"] == "attention.causal_mask"


async def test_saving_the_current_file_triggers_a_check(workspace, grader):
    grader.script(SDPA, sdpa_failed())
    app = create_app(workspace, lessons_dir=FIXTURE_COURSE, grader=grader, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        learner_file = workspace / "core" / "attention.py"
        shipped = learner_file.read_text()
        deadline = time.monotonic() + 15
        for save in range(1, 100):  # the watcher thread may not be watching yet: save again
            learner_file.write_text(shipped + f"\n# save {save}\n")
            started = time.monotonic()
            while not grader.calls and time.monotonic() - started < 2:
                await pilot.pause(0.05)
            if grader.calls or time.monotonic() > deadline:
                break
        assert grader.calls and set(grader.calls) == {SDPA}
        assert time.monotonic() - started < 2  # the save was checked within two seconds
        await wait_for_checks(pilot)
        assert "scores are not divided by √d_k" in panel_text(app)


def test_starting_the_app_does_not_import_torch(workspace):
    code = f"""
import asyncio, sys
from pathlib import Path
from app.tui import create_app

class IdleGrader:  # the real one is imported all the same; this one starts no torch child
    def warm_up(self): pass
    def close(self): pass

async def main():
    app = create_app(Path({str(workspace)!r}), grader=IdleGrader())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "torch" not in sys.modules, "the app imported torch"
        assert "numpy" not in sys.modules, "the app imported numpy"
        assert "plotext" not in sys.modules, "the app imported plotext (the charts load it on first use)"
        assert not any(name == "lessons" or name.startswith("lessons.") for name in sys.modules)
        assert "textual" in sys.modules and "app.engine.grader" in sys.modules
    import app.widgets.experiment_result  # plotext: the experiment screen's widgets, imported on first use
    assert "torch" not in sys.modules and "numpy" not in sys.modules, "the experiment widgets imported torch or numpy"

asyncio.run(main())
print("ok")
"""
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


async def test_the_real_grader_passes_the_reference(workspace):
    shutil.copy(REPO_ROOT / "lessons" / "attention" / "reference.py", workspace / "core" / "attention.py")
    app = create_app(workspace, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await wait_for_checks(pilot, timeout_s=120)
        assert "✓ all 3 checks pass" in panel_text(app)
        assert app.screen.query_one(LessonTree).mark(SDPA) == "✓"


def test_a_failed_check_shows_mismatched_shapes_and_max_diff_once():
    from app.engine.results import CheckResult
    from app.widgets.exercise_panel import check_body

    body = str(check_body(CheckResult("out matches", False, "out is wrong", shapes={"got": [4, 8], "expected": [4, 4]},
                                      max_abs_diff=0.5)))
    assert body.splitlines() == ["out matches", "out is wrong", "max |Δ| 0.5 · shape (4, 8), expected (4, 4)"]
    said = str(check_body(CheckResult("out matches", False, "max |Δ| = 0.5 > 1e-05", max_abs_diff=0.5,
                                      shapes={"got": [2], "expected": [2]})))
    assert said.count("max |Δ|") == 1 and "shape" not in said
