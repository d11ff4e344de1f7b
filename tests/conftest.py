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
