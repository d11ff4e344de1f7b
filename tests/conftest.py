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


@pytest.fixture(scope="session")
def prepared(tmp_path_factory) -> Path:
    """A root with data/shakespeare-char/ prepared once for the whole session (about a second)."""
    from app.engine.corpus import shakespeare_corpus
    from app.engine.dataset import prepare

    root = tmp_path_factory.mktemp("prepared")
    prepare(root, shakespeare_corpus())
    return root


@pytest.fixture(scope="session")
def corpus(prepared):
    """The prepared Shakespeare corpus as an experiment receives it (`run.corpus`)."""
    from app.engine.experiment_worker import experiment_corpus

    return experiment_corpus(prepared, "shakespeare")


@pytest.fixture
def corpus_workspace(workspace, prepared) -> Path:
    """A workspace whose corpus is already prepared (shared with the session, read only)."""
    (workspace / "data").symlink_to(prepared / "data", target_is_directory=True)
    return workspace


@pytest.fixture
def one_thread():
    """As in the experiments' child process: one thread, and this process's setting restored after."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
