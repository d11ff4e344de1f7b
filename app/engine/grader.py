"""Grading from the app's side: one judge process, kept warm, answers each job on a pipe.

The judge (`app.engine.grading.judge`) runs the checks and the references and starts a
confined contestant process for the learner's code; the verdict comes back on the judge's
stdout, which only this process holds, so nothing the learner's code writes can pose as
one. Nothing is ever forked from a process that has imported torch (unsafe on macOS).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from app.engine.child_job import child_environment
from app.engine.course import Exercise
from app.engine.grading.limits import KILL_GRACE_S, STARTUP_TIMEOUT_S
from app.engine.results import ExerciseResult

REPO_ROOT = Path(__file__).resolve().parents[2]


class GraderError(Exception):
    """The grader itself could not run (not the learner's code failing)."""


def exercise_job(exercise: Exercise) -> dict:
    return {
        "id": exercise.id,
        "lesson": exercise.lesson,
        "file": exercise.file,
        "module": exercise.module,
        "target": exercise.target,
        "banned": list(exercise.banned),
        "timeout_s": exercise.timeout_s,
        "memory_mb": exercise.memory_mb,
    }


class Grader:
    """Grades exercises one at a time through one judge process.

    `trusted_batch` (tests only) lets one contestant serve job after job without limits,
    which saves a torch import per graded version of known, trusted files.
    """

    def __init__(self, workspace: Path, scratch_root: Path | None = None, *, trusted_batch: bool = False):
        self.workspace = workspace.resolve()
        self.scratch_root = scratch_root or self.workspace / ".tinylm" / "grader"
        self.scratch_root.mkdir(parents=True, exist_ok=True)
        self.trusted_batch = trusted_batch
        self._lock = threading.Lock()
        self._judge: subprocess.Popen | None = None
        self._log: Path | None = None

    def _start_judge(self) -> subprocess.Popen:
        if self._judge is not None and self._judge.poll() is None:
            return self._judge
        if self._log is not None:  # a judge that died: its log goes with it
            self._log.unlink(missing_ok=True)
        self._log = Path(tempfile.mkstemp(prefix="judge-", suffix=".log", dir=self.scratch_root)[1])
        with open(self._log, "wb") as log:
            self._judge = subprocess.Popen(
                [sys.executable, "-m", "app.engine.grading.judge", str(self.workspace), str(self.scratch_root)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, cwd=REPO_ROOT, env=child_environment(),
                start_new_session=True)
        self._ready = False
        return self._judge

    def _read_line(self, seconds: float) -> bytes:
        judge = self._judge
        if select.select([judge.stdout], [], [], seconds)[0]:
            return judge.stdout.readline()
        return b""

    def _fail(self, what: str) -> GraderError:
        log = self._log.read_text(errors="replace").strip().splitlines() if self._log and self._log.exists() else []
        self._stop()
        return GraderError(f"the grader process {what}: {log[-1] if log else 'no output'}")

    def warm_up(self) -> None:
        """Start the judge (and its first contestant) now, so the first check does not wait for torch."""
        with self._lock:
            self._start_judge()

    def grade(self, exercise: Exercise, *, prepare_next: bool = True) -> ExerciseResult:
        with self._lock:
            judge = self._start_judge()
            if not self._ready:
                if self._read_line(STARTUP_TIMEOUT_S).strip() != b"ready":
                    raise self._fail("failed to start")
                self._ready = True
            job = {"workspace": str(self.workspace), "exercise": exercise_job(exercise), "prepare_next": prepare_next}
            if self.trusted_batch:
                job |= {"reuse": True, "exercise": job["exercise"] | {"limits": False}}
            judge.stdin.write((json.dumps(job) + "\n").encode())
            judge.stdin.flush()
            started = time.monotonic()
            line = self._read_line(STARTUP_TIMEOUT_S + exercise.timeout_s + 2 * KILL_GRACE_S)
            if not line:
                raise self._fail("stopped answering" if judge.poll() is None else "died")
            result = ExerciseResult.from_json(json.loads(line))
            result.seconds = result.seconds or round(time.monotonic() - started, 3)
            return result

    def _stop(self) -> None:
        if self._judge is None:
            return
        try:
            self._judge.stdin.close()  # the judge ends its contestants and exits
            self._judge.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self._judge.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._judge.wait()
        self._judge = None
        if self._log is not None:
            self._log.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            self._stop()
