"""Grading the learner's code in a child process that is already warm.

A child (`grader_worker`) is started ahead of time and waits with torch imported; a job
uses it once and it exits, and a fresh one is started for the next job. Nothing is ever
forked from a process that has imported torch (unsafe on macOS). Whatever the learner's
code does — loop forever, segfault, `os._exit`, allocate 100 GB, print a flood — the
verdict comes from what the child left in its scratch folder and how it ended.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from app.engine.child_job import child_environment
from app.engine.course import Exercise
from app.engine.results import CheckResult, ExerciseResult, Status

REPO_ROOT = Path(__file__).resolve().parents[2]
KILL_GRACE_S = 3.0  # the child's own watchdog fires first; this covers a wedged child
STARTUP_TIMEOUT_S = 120.0  # importing torch on a cold disk can take a while
OUTPUT_SHOWN = 4000

_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<function>\S+)')


class GraderError(Exception):
    """The grader itself could not run (not the learner's code failing)."""


def _spawn_worker(scratch_root: Path) -> tuple[subprocess.Popen, Path]:
    stderr_path = Path(tempfile.mkstemp(prefix="worker-", suffix=".log", dir=scratch_root)[1])
    env = child_environment()
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.engine.grader_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=REPO_ROOT,
            env=env,
            start_new_session=True,  # its own process group: we can kill whatever it starts
        )
    return process, stderr_path


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _read_events(path: Path) -> list[dict]:
    events = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return events
    for line in lines:
        try:
            events.append(json.loads(line))
        except ValueError:  # a line cut short by a crash
            pass
    return events


def _learner_frame(faults: str, workspace: Path) -> str:
    """' in scaled_dot_product_attention (core/attention.py:12)' from a faulthandler dump."""
    for match in _FRAME.finditer(faults):  # most recent call first
        path = Path(match["file"])
        if path.is_relative_to(workspace):
            relative = path.relative_to(workspace)
            return f" in {match['function']} ({relative}:{match['line']})"
    return ""


def _signal_name(returncode: int) -> str:
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def _first_failure(checks: list[CheckResult]) -> CheckResult | None:
    return next((check for check in checks if not check.passed), None)


def _summarise(exercise: Exercise, checks: list[CheckResult]) -> tuple[Status, str]:
    failure = _first_failure(checks)
    if failure is None:
        return Status.PASSED, f"all {len(checks)} checks pass"
    failed = sum(not check.passed for check in checks)
    headline = failure.diagnosis or failure.message
    detail = f" ({failure.message})" if failure.diagnosis else ""
    return Status.FAILED, f"{failed} of {len(checks)} checks fail: {headline}{detail}"


def interpret(exercise: Exercise, scratch: Path, workspace: Path, returncode: int | None, seconds: float) -> ExerciseResult:
    """Turn what the child left behind into a verdict. `returncode` None: we killed it."""
    events = _read_events(scratch / "events.jsonl")
    checks = [CheckResult.from_json(event["check"]) for event in events if "check" in event]
    verdict = next((event["verdict"] for event in events if "verdict" in event), None)
    running = next((event["running"] for event in reversed(events) if "running" in event), None)
    faults = (scratch / "faults.txt").read_text(errors="replace") if (scratch / "faults.txt").exists() else ""
    output = (scratch / "output.txt").read_text(errors="replace")[:OUTPUT_SHOWN] if (scratch / "output.txt").exists() else ""
    during = f" during “{running}”" if running else ""

    if verdict:
        status, summary = Status(verdict["status"]), verdict["summary"]
    elif any("done" in event for event in events):
        status, summary = _summarise(exercise, checks)
    elif returncode is None or faults.startswith("Timeout"):
        status = Status.TIMEOUT
        where = _learner_frame(faults, workspace) or f" in {exercise.target}"
        summary = f"timed out after {exercise.timeout_s:g} s{where}{during}"
    elif returncode < 0:
        status = Status.CRASHED
        summary = f"crashed: {_signal_name(returncode)}{_learner_frame(faults, workspace)}{during}"
    else:
        status = Status.CRASHED
        summary = f"the process exited with status {returncode} (os._exit or sys.exit in your code?){during}"
    return ExerciseResult(exercise.id, status, summary, checks, output, round(seconds, 3))


class Grader:
    """Grades exercises one at a time, each in a fresh child that was started in advance."""

    def __init__(self, workspace: Path, scratch_root: Path | None = None):
        self.workspace = workspace.resolve()
        self.scratch_root = scratch_root or self.workspace / ".tinylm" / "grader"
        self.scratch_root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._warm: tuple[subprocess.Popen, Path] | None = None

    def warm_up(self) -> None:
        """Start the next child now, so the first check does not wait for torch."""
        with self._lock:
            if self._warm is None:
                self._warm = _spawn_worker(self.scratch_root)

    def _take_ready_worker(self) -> tuple[subprocess.Popen, Path]:
        process, stderr_path = self._warm or _spawn_worker(self.scratch_root)
        self._warm = None
        ready = process.stdout.readline()  # blocks while the child imports torch
        if ready.strip() != b"ready":
            _kill_group(process)
            log = stderr_path.read_text(errors="replace").strip().splitlines()
            stderr_path.unlink(missing_ok=True)
            raise GraderError(f"the grader process failed to start: {log[-1] if log else 'no output'}")
        return process, stderr_path

    def grade(self, exercise: Exercise, *, prepare_next: bool = True) -> ExerciseResult:
        with self._lock:
            process, stderr_path = self._take_ready_worker()
            scratch = Path(tempfile.mkdtemp(prefix="job-", dir=self.scratch_root))
            job = {"workspace": str(self.workspace), "scratch": str(scratch), "exercise": exercise_job(exercise)}
            started = time.monotonic()
            process.stdin.write((json.dumps(job) + "\n").encode())
            process.stdin.close()
            if prepare_next:
                self._warm = _spawn_worker(self.scratch_root)
            try:
                returncode = process.wait(timeout=exercise.timeout_s + KILL_GRACE_S)
            except subprocess.TimeoutExpired:
                returncode = None
            _kill_group(process)  # also ends anything the learner's code started
            result = interpret(exercise, scratch, self.workspace, returncode, time.monotonic() - started)
            shutil.rmtree(scratch, ignore_errors=True)
            stderr_path.unlink(missing_ok=True)
            return result

    def close(self) -> None:
        with self._lock:
            if self._warm is not None:
                process, stderr_path = self._warm
                _kill_group(process)
                stderr_path.unlink(missing_ok=True)
                self._warm = None


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
