"""Shared fixtures: a learner workspace in a temporary folder, with the shipped stubs."""

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh clone's learner side: core/ exactly as shipped."""
    shutil.copytree(REPO_ROOT / "core", tmp_path / "core", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def write_solved_core(root: Path) -> None:
    """Every learner file in `root/core` solved by the references."""
    from app.engine.course import load_course
    from app.engine.workspace import Workspace

    course = load_course()
    workspace = Workspace(root, course)
    for exercise in {ex.file: ex for ex in course.exercises}.values():
        workspace.learner_file(exercise).write_text(workspace.solved_file(exercise), encoding="utf-8")
