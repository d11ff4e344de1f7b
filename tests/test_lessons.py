"""Every lesson's exercises, graded for real: references pass, stubs say "not implemented",
and every known-wrong implementation in tests/mistakes/<lesson>/ gets its named diagnosis.

A mistake file holds EXERCISE, DIAGNOSIS (a substring the verdict must contain),
optionally STATUS, and a wrong definition; the learner file is the solved file with that
definition appended (the later definition wins). Every version of one exercise (reference,
stub, mistakes) is graded by one judge and one contestant process (`trusted_batch`), which
saves a torch import per version; each lesson's references also go through the real,
confined, limited Grader.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from app.engine.course import load_course
from app.engine.grader import Grader
from app.engine.results import Status
from app.engine.workspace import Workspace
from conftest import write_solved_core
from lessons.checking import DROPOUT_IN_EVAL

REPO_ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course()
LESSONS_WITH_EXERCISES = [lesson for lesson in COURSE.lessons if lesson.exercises]
MISTAKES = sorted((REPO_ROOT / "tests" / "mistakes").glob("*/*.py"))
MINIMUM_MISTAKES = 4


def mistake_constants(path: Path) -> dict[str, str]:
    """EXERCISE, DIAGNOSIS and optional STATUS of a mistake file, read without running it."""
    constants = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            constants[node.targets[0].id] = node.value.value
    return constants


class SolvedCheckout:
    """A learner checkout with every exercise solved; one file at a time is swapped."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO_ROOT / "core", root / "core", ignore=shutil.ignore_patterns("__pycache__"))
        write_solved_core(root)
        self.workspace = Workspace(root, COURSE)
        self.grader = Grader(root)
        self.grader.warm_up()
        self.batch = Grader(root, root / ".tinylm" / "batch", trusted_batch=True)

    def grade(self, exercise_id: str, learner_source: str | None = None):
        exercise = COURSE.exercise(exercise_id)
        path = self.workspace.learner_file(exercise)
        solved = self.workspace.solved_file(exercise)
        path.write_text(solved if learner_source is None else learner_source, encoding="utf-8")
        try:
            return self.grader.grade(exercise)
        finally:
            path.write_text(solved, encoding="utf-8")


    def grade_together(self, exercise_id: str, learner_sources: list[str]) -> list:
        """Each source graded in turn by one contestant process (trusted code only: no limits apply)."""
        exercise = COURSE.exercise(exercise_id)
        path = self.workspace.learner_file(exercise)
        results = []
        try:
            for source in learner_sources:
                path.write_text(source, encoding="utf-8")
                results.append(self.batch.grade(exercise))
        finally:
            path.write_text(self.workspace.solved_file(exercise), encoding="utf-8")
        return results


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> SolvedCheckout:
    checkout = SolvedCheckout(tmp_path_factory.mktemp("solved"))
    yield checkout
    checkout.grader.close()
    checkout.batch.close()


@pytest.fixture(scope="module")
def verdicts(checkout):
    """verdicts(exercise_id) -> {"reference": result, "stub": result, <mistake path>: result, ...},
    every version of one exercise graded in one process, on first use."""
    graded: dict[str, dict] = {}

    def of(exercise_id: str) -> dict:
        if exercise_id not in graded:
            exercise = COURSE.exercise(exercise_id)
            solved = checkout.workspace.solved_file(exercise)
            versions = {"reference": solved, "stub": checkout.workspace.shipped_file(exercise)}
            for path in MISTAKES:
                if mistake_constants(path)["EXERCISE"] == exercise_id:
                    versions[path] = solved + "\n\n" + path.read_text(encoding="utf-8")
            graded[exercise_id] = dict(zip(versions, checkout.grade_together(exercise_id, list(versions.values()))))
        return graded[exercise_id]

    return of


@pytest.mark.parametrize("exercise_id", [ex.id for ex in COURSE.exercises])
def test_reference_passes(verdicts, exercise_id):
    result = verdicts(exercise_id)["reference"]
    assert result.status is Status.PASSED, result.summary
    assert result.checks and all(check.passed for check in result.checks)


@pytest.mark.parametrize("lesson", LESSONS_WITH_EXERCISES, ids=lambda lesson: lesson.slug)
def test_reference_passes_through_the_real_grader(checkout, lesson):
    """The sandboxed child, its limits and bans included, accepts each lesson's references."""
    for exercise in lesson.exercises:
        result = checkout.grade(exercise.id)
        assert result.status is Status.PASSED, f"{exercise.id}: {result.summary}"


@pytest.mark.parametrize("exercise_id", [ex.id for ex in COURSE.exercises])
def test_stub_is_not_implemented(verdicts, exercise_id):
    result = verdicts(exercise_id)["stub"]
    assert result.status is Status.NOT_IMPLEMENTED, result.summary
    assert "not implemented" in result.summary


@pytest.mark.parametrize("path", MISTAKES, ids=[f"{path.parent.name}/{path.stem}" for path in MISTAKES])
def test_mistake_is_diagnosed(verdicts, path):
    constants = mistake_constants(path)
    result = verdicts(constants["EXERCISE"])[path]
    assert result.status is Status(constants.get("STATUS", "failed")), result.summary
    assert constants["DIAGNOSIS"] in result.summary


@pytest.mark.parametrize("lesson", LESSONS_WITH_EXERCISES, ids=lambda lesson: lesson.slug)
def test_each_exercise_has_enough_mistakes(lesson):
    counts = {exercise.id: 0 for exercise in lesson.exercises}
    for path in (REPO_ROOT / "tests" / "mistakes" / lesson.slug).glob("*.py"):
        exercise_id = mistake_constants(path)["EXERCISE"]
        assert exercise_id in counts, f"{path.name}: unknown exercise {exercise_id}"
        counts[exercise_id] += 1
    assert all(count >= MINIMUM_MISTAKES for count in counts.values()), counts


def _diagnoses_in_checks(checks: Path) -> set[str]:
    """Every diagnosis string in a checks.py: the keys of the twin dicts (in `_*_mistakes`
    helpers and `mistakes={...}` arguments), the diagnosis argument of t.expect / t.fail /
    t.causal, and the two diagnoses of t.dropout_only_in_training."""
    found: set[str] = set()

    def add_strings(node: ast.AST | None) -> None:
        for inner in ast.walk(node) if node is not None else ():
            if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                found.add(inner.value)

    for node in ast.walk(ast.parse(checks.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_mistakes"):
            # A key may be a name bound earlier in the helper (a diagnosis chosen by an if).
            bound = {target.id: assign.value for assign in ast.walk(node) if isinstance(assign, ast.Assign)
                     for target in assign.targets if isinstance(target, ast.Name)}
            for inner in ast.walk(node):
                for key in inner.keys if isinstance(inner, ast.Dict) else ():
                    add_strings(bound.get(key.id) if isinstance(key, ast.Name) else key)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            if node.func.attr == "expect":
                add_strings(node.args[2] if len(node.args) > 2 else keywords.get("diagnosis"))
            elif node.func.attr == "fail":
                add_strings(node.args[1] if len(node.args) > 1 else keywords.get("diagnosis"))
            elif node.func.attr == "causal":
                add_strings(keywords.get("diagnosis"))
            elif node.func.attr == "dropout_only_in_training":
                add_strings(keywords.get("never_applied"))
                found.add(DROPOUT_IN_EVAL)
            elif isinstance(keywords.get("mistakes"), ast.Dict):
                for key in keywords["mistakes"].keys:
                    add_strings(key)
    return found


@pytest.mark.parametrize("lesson", LESSONS_WITH_EXERCISES, ids=lambda lesson: lesson.slug)
def test_every_diagnosis_is_triggered_by_a_mistake_file(lesson):
    """A diagnosis is a named rule for a known mistake; a wrong implementation proves it fires."""
    diagnoses = _diagnoses_in_checks(lesson.path / "checks.py")
    assert diagnoses, "the extraction found no diagnosis at all"
    claimed = {mistake_constants(path)["DIAGNOSIS"] for path in (REPO_ROOT / "tests" / "mistakes" / lesson.slug).glob("*.py")}
    untested = sorted(diagnosis for diagnosis in diagnoses if not any(claim in diagnosis for claim in claimed))
    assert not untested, f"no mistake file triggers: {untested}"
