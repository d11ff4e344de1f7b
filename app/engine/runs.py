"""Training runs on disk: the run directory is the only contract between the worker and
everything that shows a run (the dashboard, `tinylm-tui runs` and `status`, the sampler).

    checkpoints/<run>/
        config.json        written once when the run starts
        status.json        state, pid, step, message; rewritten atomically
        metrics.jsonl      one row per logged step; eval rows also carry val_loss
        samples.jsonl      generated text at sample steps
        attention/step-00000500.json   the probe prompt's attention maps at each eval
        checkpoints.json   [{"step", "file", "val_loss", "best"}]
        ckpt-00000500.pt … best.pt
        worker.lock        held (flock) by the live worker for its whole life
        worker.log         the worker's output

Writers append whole lines and replace whole files (temp file, fsync, rename), so a reader
sees either the old or the new content; the one thing a killed writer can leave is a
truncated last line of a .jsonl file, which readers skip until it is complete. Nothing here
imports torch: the UI reads runs on its own, while the worker trains.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from app.engine.files import replace_file

RUNNING_STATES = ("starting", "running", "stopping")


class RunError(Exception):
    """A run that is missing or unreadable; the message is one line naming the file."""


def runs_root(root: Path) -> Path:
    return root / "checkpoints"


# --- writing (the worker) ----------------------------------------------------------------------

def write_json_atomically(path: Path, value) -> None:
    """Replace `path` with `value` as JSON: readers see the old file or the new one, never half."""
    replace_file(path, json.dumps(value, indent=1))


def rewrite_jsonl(path: Path, rows: list[dict]) -> None:
    """Replace a .jsonl file with `rows`, atomically (a resume drops the rows it will redo)."""
    replace_file(path, "".join(json.dumps(row) + "\n" for row in rows))


def append_jsonl(path: Path, row: dict) -> None:
    """One JSON object on one line, written with a single write() so lines never interleave."""
    with open(path, "a", encoding="utf-8") as file:
        file.write(json.dumps(row) + "\n")
        file.flush()


def read_jsonl(path: Path) -> list[dict]:
    """Every complete row; a line cut short by a killed writer (no newline yet) is left out."""
    return JsonlTail(path).read_new()


# --- reading (the UI and the CLI) --------------------------------------------------------------

@dataclass
class JsonlTail:
    """Reads the rows appended to a .jsonl file since the last call, without re-reading it.

    Only newline-terminated lines count: a row being written right now is picked up by the
    next call, once complete. A file that shrank (rewritten on resume) is read again from the
    start, and `restarted` says so, so a chart can redraw from scratch.
    """

    path: Path
    offset: int = 0
    restarted: bool = field(default=False, init=False)

    def read_new(self) -> list[dict]:
        self.restarted = False
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return []
        if size < self.offset:
            self.offset, self.restarted = 0, True
        with open(self.path, "rb") as file:
            file.seek(self.offset)
            chunk = file.read(size - self.offset)
        complete = chunk[: chunk.rfind(b"\n") + 1]
        self.offset += len(complete)
        rows = []
        for line in complete.splitlines():
            try:
                row = json.loads(line)
            except ValueError:  # a damaged line in the middle: skip it, keep the rest
                continue
            if isinstance(row, dict):
                rows.append(row)
        return rows


def _read_json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunError(f"{path} is missing: is this a training run?") from None
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise RunError(f"{path} is unreadable ({what}): {str(error).splitlines()[0]}") from None


class RunDirectory:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.name = self.path.name

    @property
    def lock_path(self) -> Path:
        return self.path / "worker.lock"

    @property
    def metrics_path(self) -> Path:
        return self.path / "metrics.jsonl"

    @property
    def samples_path(self) -> Path:
        return self.path / "samples.jsonl"

    @property
    def attention_dir(self) -> Path:
        return self.path / "attention"

    def exists(self) -> bool:
        return (self.path / "config.json").is_file()

    def config(self) -> dict:
        return _read_json(self.path / "config.json", "the run's configuration")

    def is_alive(self) -> bool:
        """Whether a worker holds the run's lock right now (the lock dies with its process)."""
        try:
            handle = os.open(self.lock_path, os.O_RDONLY)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(handle)  # closing releases a lock we took
        return False

    def status(self) -> dict:
        """status.json, with a state corrected by the lock: a "running" run whose worker is
        gone (killed, machine rebooted) is "interrupted" and can be resumed."""
        try:
            status = _read_json(self.path / "status.json", "the run's status")
        except RunError:
            status = {"state": "starting", "step": 0, "message": ""}
        if status.get("state") in RUNNING_STATES and not self.is_alive():
            status = status | {"state": "interrupted", "message": "the worker stopped without saying why; resume to continue"}
        return status

    def metrics(self) -> list[dict]:
        return read_jsonl(self.metrics_path)

    def samples(self) -> list[dict]:
        return read_jsonl(self.samples_path)

    def checkpoints(self) -> list[dict]:
        index = self.path / "checkpoints.json"
        return _read_json(index, "the checkpoint index") if index.exists() else []

    def attention_files(self) -> list[Path]:
        return sorted(self.attention_dir.glob("step-*.json"))

    def latest_attention(self) -> dict | None:
        """The newest readable attention snapshot, or None before the first eval."""
        for path in reversed(self.attention_files()):
            try:
                return _read_json(path, "attention maps")
            except RunError:
                continue
        return None


def list_runs(root: Path) -> list[RunDirectory]:
    """Every run under checkpoints/, oldest first (by the time config.json was written)."""
    folder = runs_root(root)
    if not folder.is_dir():
        return []
    runs = [RunDirectory(path) for path in folder.iterdir() if (path / "config.json").is_file()]
    return sorted(runs, key=lambda run: ((run.path / "config.json").stat().st_mtime, run.name))


def find_run(root: Path, name: str) -> RunDirectory:
    run = RunDirectory(runs_root(root) / name)
    if not run.exists():
        known = ", ".join(run.name for run in list_runs(root)) or "none yet: start one with `tinylm-tui train`"
        raise RunError(f"no run named {name!r} (runs: {known})")
    return run
