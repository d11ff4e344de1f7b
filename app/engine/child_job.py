"""A computation that needs torch, run in a child process the app can follow and cancel.

The child (`python -m <module> '<job JSON>'`, in a session of its own) reports through its
folder, and the parent only reads files:

    progress.jsonl   {"fraction", "message", "elapsed_s"} lines as it goes
    error.txt        one line, when it failed
    log.txt          its stdout and stderr
    <result file>    written last (atomically), so its presence means it finished

Lesson experiments (`ExperimentRun`) and evaluation reports (`EvaluationRun`) are both this.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def child_environment() -> dict[str, str]:
    """This process's environment for a child `python -m app…`: the checkout importable
    whatever the working folder, and no .pyc a save within the same second could hide behind."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


# --- the child's side ---------------------------------------------------------------------------

def one_line_error(error: BaseException) -> str:
    """"KeyError: 'rnn' (experiments.py:12)": the exception and where it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + message if message else ''}{where}"


@contextmanager
def failures_reported_in(out: Path, explained: tuple[type[Exception], ...]) -> Iterator[None]:
    """In the child: an exception becomes error.txt (one line) and exit status 1. Those in
    `explained` already say what to do in one line; any other is named with where it came from."""
    try:
        yield
    except explained as error:
        (out / "error.txt").write_text(f"{error}\n", encoding="utf-8")
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything; report it
        (out / "error.txt").write_text(one_line_error(error) + "\n", encoding="utf-8")
        sys.exit(1)


# --- the parent's side --------------------------------------------------------------------------


@dataclass(frozen=True)
class JobProgress:
    fraction: float = 0.0
    message: str = "starting…"
    elapsed_s: float = 0.0


class ChildJob:
    """Subclasses set `module`, `folder` and `result_name`, and say how to fail (`failure`)."""

    module: str  # "app.engine.experiment_worker"
    result_name: str  # the file the child writes last
    folder: Path
    time_limit_s: float | None = None  # the child is killed after this long
    _process: subprocess.Popen | None = None

    # -- what subclasses decide -----------------------------------------------------------------

    def job(self) -> dict:
        raise NotImplementedError

    def failure(self, message: str) -> Exception:
        """The one-line exception `result()` raises when the child failed with `message`."""
        raise NotImplementedError

    def clear(self) -> None:
        """Before a start and after a cancel or a failure: remove what a run leaves."""
        for name in ("progress.jsonl", "error.txt"):
            (self.folder / name).unlink(missing_ok=True)

    # -- the child --------------------------------------------------------------------------------

    def cached(self) -> dict | None:
        try:
            return json.loads((self.folder / self.result_name).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def start(self) -> None:
        self.clear()
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "log.txt", "wb") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", self.module, json.dumps(self.job())],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=REPO_ROOT, env=child_environment(),
                start_new_session=True,
            )

    def progress(self) -> JobProgress:
        try:
            lines = (self.folder / "progress.jsonl").read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return JobProgress()
        for line in reversed(lines):
            try:
                return JobProgress(**json.loads(line))
            except (ValueError, TypeError):  # the line being written
                continue
        return JobProgress()

    def cancel(self) -> None:
        """Kill the child (and whatever it started) and clear what it left."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        self._process = None
        self.clear()

    def result(self, on_progress: Callable[[JobProgress], None] | None = None,
               cancelled: Callable[[], bool] = lambda: False, poll_s: float = 0.2) -> dict | None:
        """The result, from the cache or once the child finishes (None if cancelled); call it
        off the UI thread. Raises `self.failure(...)` with one line."""
        if (cached := self.cached()) is not None:
            return cached
        if self._process is None:
            self.start()
        started = time.monotonic()
        while self._process.poll() is None:
            if cancelled():
                self.cancel()
                return None
            if self.time_limit_s is not None and time.monotonic() - started > self.time_limit_s:
                self.cancel()
                raise self.failure(f"stopped after {self.time_limit_s:.0f} s")
            if on_progress:
                on_progress(self.progress())
            time.sleep(poll_s)
        if (result := self.cached()) is not None:
            return result
        error = self.folder / "error.txt"
        message = (error.read_text(encoding="utf-8").strip() if error.exists()
                   else f"the process exited with status {self._process.returncode}")
        self.clear()
        raise self.failure(message)
