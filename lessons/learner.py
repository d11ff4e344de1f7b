"""How lesson code reaches the learner's own modules in a workspace."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def load_learner_package(workspace: Path) -> None:
    """Make `core` the workspace's folder, whatever else is installed as `core`."""
    init = workspace / "core" / "__init__.py"
    spec = importlib.util.spec_from_file_location("core", init, submodule_search_locations=[str(workspace / "core")])
    package = importlib.util.module_from_spec(spec)
    sys.modules["core"] = package
    spec.loader.exec_module(package)
