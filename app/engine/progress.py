"""The learner's progress: `.tinylm/progress.json`, small, gitignored, written atomically.

Shared by the app and the CLI, so each change reloads, updates and saves the file.

What the judge decided (status, attempts, the sha256 of the file it graded) is sealed
with an HMAC whose key lives outside the workspace, in the user's state folder
(`$XDG_STATE_HOME/tinylm-tui/judge.key`, else `~/.local/state/…`), where the confined
contestant cannot read it. An entry whose seal does not verify (edited by hand or by
code) is read as never checked. A pass unlocks the solution and puts the learner's code
into training runs and experiments only while the file still has the sha256 it was
graded with (`Progress.passes`).
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app.engine.files import replace_file
from app.engine.results import ExerciseResult, Status

FAILED_ATTEMPTS_BEFORE_SOLUTION = 3


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "tinylm-tui"


def judge_key() -> bytes:
    """The seal's key: made once per user, readable by the user only."""
    path = state_dir() / "judge.key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
                file.write(secrets.token_bytes(32))
        except FileExistsError:  # another process made it first
            pass
        return path.read_bytes()


def file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass
class ExerciseProgress:
    status: str = "untried"  # a results.Status value once checked
    failed_attempts: int = 0  # checks that ran the learner's code and did not pass
    hints_revealed: int = 0
    summary: str = ""  # the last verdict's one line
    last_failed_source: str = ""  # sha256 of the file at the last failed attempt
    graded_sha256: str = ""  # sha256 of the file the last verdict was about
    seal: str = ""  # HMAC over the fields above that the judge decides

    def judged(self) -> str:
        return json.dumps([self.status, self.failed_attempts, self.last_failed_source, self.graded_sha256])

    def sealed(self, exercise_id: str, key: bytes) -> str:
        return hmac.new(key, f"{exercise_id}\0{self.judged()}".encode(), "sha256").hexdigest()


_UNJUDGED = ExerciseProgress()


@dataclass
class Progress:
    current: str | None = None
    exercises: dict[str, ExerciseProgress] = field(default_factory=dict)

    def of(self, exercise_id: str) -> ExerciseProgress:
        return self.exercises.setdefault(exercise_id, ExerciseProgress())

    def record(self, result: ExerciseResult, key: bytes) -> None:
        """Note the judge's verdict and seal it; re-checking an unchanged failing file is not
        another attempt."""
        entry = self.of(result.exercise_id)
        entry.status = result.status.value
        entry.summary = result.summary
        entry.graded_sha256 = result.sha256
        if not result.passed and result.status is not Status.NOT_IMPLEMENTED and result.sha256 != entry.last_failed_source:
            entry.failed_attempts += 1
            entry.last_failed_source = result.sha256
        entry.seal = entry.sealed(result.exercise_id, key)

    def passes(self, exercise_id: str, current_sha256: str) -> bool:
        """The judge passed this exercise on the file as it is now."""
        entry = self.of(exercise_id)
        return entry.status == "passed" and bool(current_sha256) and entry.graded_sha256 == current_sha256

    def solution_unlocked(self, exercise_id: str, current_sha256: str) -> bool:
        return (self.passes(exercise_id, current_sha256)
                or self.of(exercise_id).failed_attempts >= FAILED_ATTEMPTS_BEFORE_SOLUTION)

    def solution_lock_reason(self, exercise_id: str, file: str) -> str:
        entry = self.of(exercise_id)
        changed = f"{file} changed since it passed; check it again, or " if entry.status == "passed" else ""
        return (f"{changed}the solution unlocks once the exercise passes or after {FAILED_ATTEMPTS_BEFORE_SOLUTION} "
                f"failed attempts ({entry.failed_attempts} so far)")


class ProgressStore:
    """Loads and saves Progress; a corrupt file is set aside, never lost.

    `update` holds a thread lock and a file lock from load to save, so a check finishing
    in a worker thread, a hint revealed in the app and a CLI command in another terminal
    never undo each other's change.
    """

    def __init__(self, path: Path, key: bytes | None = None):
        self.path = path
        self.warning: str | None = None  # set when the file on disk could not be read
        self._lock = threading.Lock()
        self._key = key

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = judge_key()
        return self._key

    def record(self, result: ExerciseResult) -> Progress:
        return self.update(lambda progress: progress.record(result, self.key))

    @contextmanager
    def _locked(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path.with_suffix(".lock"), "w") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            yield

    def update(self, change: Callable[[Progress], None]) -> Progress:
        with self._locked():
            progress = self.load()
            change(progress)
            self.save(progress)
            return progress

    def load(self) -> Progress:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            known = {f.name for f in fields(ExerciseProgress)}
            exercises = {exercise_id: ExerciseProgress(**{k: v for k, v in value.items() if k in known})
                         for exercise_id, value in data.get("exercises", {}).items()}
            progress = Progress(current=data.get("current"), exercises=exercises)
        except FileNotFoundError:
            return Progress()
        except (ValueError, TypeError, AttributeError) as error:
            kept = self.path.with_suffix(".corrupt.json")
            os.replace(self.path, kept)
            self.warning = f"{self.path.name} was unreadable ({type(error).__name__}); kept as {kept.name}, starting fresh"
            return Progress()
        forged = [exercise_id for exercise_id, entry in progress.exercises.items()
                  if entry.judged() != _UNJUDGED.judged()
                  and not hmac.compare_digest(entry.seal, entry.sealed(exercise_id, self.key))]
        for exercise_id in forged:  # not the judge's verdict: keep the hints, forget the rest
            entry = progress.exercises[exercise_id]
            progress.exercises[exercise_id] = ExerciseProgress(hints_revealed=entry.hints_revealed)
        if forged:
            self.warning = f"{self.path.name}: verdicts the grader did not give were ignored ({', '.join(sorted(forged))})"
        return progress

    def save(self, progress: Progress) -> None:
        replace_file(self.path, json.dumps(asdict(progress), indent=2) + "\n")
