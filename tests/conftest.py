"""Shared fixtures: a learner workspace in a temporary folder, with the shipped stubs."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# The judge's key (progress seals) lives in the user's state folder: the tests get their own.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="tinylm-state-")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh clone's learner side: core/ exactly as shipped."""
    shutil.copytree(REPO_ROOT / "core", tmp_path / "core", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def grant(root: Path, verdicts: dict[str, str], summaries: dict[str, str] | None = None, current: str | None = None) -> None:
    """Progress as the judge records it: exercise id -> status, for the files as they are now."""
    from app.engine.course import load_course
    from app.engine.progress import ProgressStore, file_sha256
    from app.engine.results import ExerciseResult, Status

    course = load_course()
    store = ProgressStore(root / ".tinylm" / "progress.json")
    for exercise_id, status in verdicts.items():
        sha256 = file_sha256(root / course.exercise(exercise_id).file)
        store.record(ExerciseResult(exercise_id, Status(status), (summaries or {}).get(exercise_id, status), sha256=sha256))
    if current is not None:
        store.update(lambda progress: setattr(progress, "current", current))


def passed_as_they_are(root: Path, *exercise_ids: str):
    """A Progress in which these exercises passed on the learner files as they are now."""
    from app.engine.course import load_course
    from app.engine.progress import ExerciseProgress, Progress, file_sha256

    course = load_course()
    return Progress(exercises={exercise_id: ExerciseProgress(status="passed",
                                                             graded_sha256=file_sha256(root / course.exercise(exercise_id).file))
                               for exercise_id in exercise_ids})


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
