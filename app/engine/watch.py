"""Noticing when the learner saves a file in `core/`.

Editors save in many ways (write in place, write a temp file and rename it, touch a
backup `~` file); we only report `.py` files under `core/`, and group a burst of events
into one report.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from watchfiles import watch

QUIET_MS = 50  # report once events have stopped for this long: editors write in bursts


def _is_learner_source(path: Path) -> bool:
    return path.suffix == ".py" and "__pycache__" not in path.parts


def saved_learner_files(root: Path, stop: threading.Event) -> Iterator[set[Path]]:
    """Yield the set of `core/*.py` files saved, until `stop` is set."""
    core = (root / "core").resolve()
    for changes in watch(core, stop_event=stop, step=QUIET_MS, debounce=1000, yield_on_timeout=False, rust_timeout=200):
        saved = {Path(path).resolve() for _, path in changes if _is_learner_source(Path(path))}
        saved = {path for path in saved if path.exists()}
        if saved:
            yield saved
