"""The judge: runs the checks and the references, and decides. It never imports learner code.

The app starts one judge (`python -m app.engine.grading.judge`) and keeps it: it prints
"ready", then reads one job per line on stdin and answers one `ExerciseResult` JSON line
on stdout, a pipe only the app holds. For each job the judge reads the learner's file
once (its sha256 goes into the verdict), scans it for bans, and hands the exact text to a
contestant process that was started in advance (`contestant.py`, confined: see
`sandbox.py`). The checks run here, against the learner's objects as `Remote` handles;
the references run here too, so nothing the learner's code patches reaches them.

When a job ends, the contestant and everything it started are killed: the judge is a
child subreaper, so even processes that left the contestant's session stay below it.
"""

from __future__ import annotations

import collections
import hashlib
import importlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.engine.bans import find_banned_uses
from app.engine.child_job import one_line_error
from app.engine.grading import sandbox
from app.engine.grading.limits import KILL_GRACE_S, STARTUP_TIMEOUT_S, WARM_CONTESTANTS
from app.engine.grading.link import BannedCall, ChangedInput, ContestantGone, Link
from app.engine.results import CheckResult, ExerciseResult, Status

REPO_ROOT = Path(__file__).resolve().parents[3]
LESSONS_DIR = REPO_ROOT / "lessons"
CONTESTANT = Path(__file__).resolve().parent / "contestant.py"
OUTPUT_SHOWN = 4000
OUTPUT_LIMIT_MB = 1

_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<function>\S+)')


# --- the contestant process ---------------------------------------------------------------------

def contestant_sys_path() -> list[str]:
    """The judge's import path without the checkout (whose `lessons/` holds the references)."""
    return [entry for entry in sys.path
            if entry and not LESSONS_DIR.resolve().is_relative_to(Path(os.path.realpath(entry)))]


def _contestant_config(workspace: Path, scratch: Path | None) -> dict:
    paths = contestant_sys_path()
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    return {
        "sys_path": paths, "workspace": str(workspace), "scratch": str(scratch),
        "fixtures": str(LESSONS_DIR / "fixtures.py"), "hidden": str(LESSONS_DIR),
        "readable": [*paths, *sorted(prefixes), str(workspace / "core")],
    }


# One thread per library: a fork copies only the thread that forks (see fork_contestants).
_ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class ForkServer:
    """Linux: a process with torch imported that forks contestants (~20 ms each, not ~2 s).

    Only a subreaper judge uses one: each contestant is re-parented to it (see
    `contestant.fork_contestants`), so the judge waits for it and kills its group as before.
    """

    def __init__(self, workspace: Path, scratch_root: Path):
        self.control, theirs = socket.socketpair()
        self.log = scratch_root / f"fork-server-{os.getpid()}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", str(CONTESTANT), json.dumps(_contestant_config(workspace, None) | {"fork_server": True})],
                stdin=theirs, stdout=log, stderr=log, close_fds=True, start_new_session=True,
                env=os.environ | _ONE_THREAD)
        theirs.close()
        self.replies = self.control.makefile("rb")
        self.ready = False

    def fork(self, scratch: Path) -> tuple[int, int, int]:
        """A new contestant for `scratch`: (pid, the fd to read its replies, the fd to write requests)."""
        if not self.ready:
            self._expect(b"ready")
        requests_r, requests_w = os.pipe()
        replies_r, replies_w = os.pipe()
        try:
            socket.send_fds(self.control, [json.dumps({"scratch": str(scratch)}).encode()], [requests_r, replies_w])
            pid = int(self._expect(None))
        except Exception:
            for fd in (requests_w, replies_r):
                os.close(fd)
            raise
        finally:
            os.close(requests_r)
            os.close(replies_w)
        return pid, replies_r, requests_w

    def _expect(self, want: bytes | None) -> bytes:
        line = self.replies.readline().strip()
        if not line or (want is not None and line != want) or line.startswith(b"refused"):
            said = line.decode(errors="replace") or self.log.read_text(errors="replace").strip()[-300:] or "nothing"
            raise RuntimeError(f"the fork server said {said}")
        self.ready = True
        return line

    def close(self) -> None:
        self.replies.close()
        self.control.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.unlink(missing_ok=True)


class Contestant:
    """One contestant process, started ahead of the job it will serve: forked by the fork
    server where there is one, else started afresh."""

    def __init__(self, workspace: Path, scratch_root: Path, forks: ForkServer | None = None):
        self.scratch = Path(tempfile.mkdtemp(prefix="job-", dir=scratch_root))
        self.ready = False
        self.confinement = ""
        self.returncode: int | None = None
        self._popen = None
        if forks is not None:
            try:
                self.pid, self.read_fd, self.write_fd = forks.fork(self.scratch)
                return
            except (OSError, RuntimeError):  # the fork server is gone or refused: start one afresh
                pass
        with open(self.scratch / "startup.log", "wb") as log:
            self._popen = subprocess.Popen(
                [sys.executable, "-I", "-S", str(CONTESTANT), json.dumps(_contestant_config(workspace, self.scratch))],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, cwd=self.scratch,
                close_fds=True, start_new_session=True)
        self.pid, self.read_fd, self.write_fd = self._popen.pid, self._popen.stdout.fileno(), self._popen.stdin.fileno()

    def link(self, deadline: float) -> Link:
        return Link(self.read_fd, self.write_fd, deadline, self.scratch)

    def wait_ready(self) -> None:
        from app.engine.grading import wire

        if self.ready:
            return
        try:
            message, _ = wire.receive(self.read_fd, time.monotonic() + STARTUP_TIMEOUT_S)
        except wire.WireError:
            log = (self.scratch / "startup.log").read_text(errors="replace").strip().splitlines()
            raise RuntimeError(f"the contestant process failed to start: {log[-1] if log else 'no output'}") from None
        self.ready, self.confinement = True, message["confinement"]

    def _wait(self, timeout: float | None) -> int | None:
        """Its exit status once it has exited (waiting up to `timeout`, None: for ever), else None."""
        if self._popen is not None:
            try:
                return self._popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                return None
        give_up = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # already reaped by end_descendants
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
                return self.returncode
            if give_up is not None and time.monotonic() >= give_up:
                return None
            time.sleep(0.005)

    def end(self) -> int | None:
        """Kill it and its process group; its exit status (None if we had to kill it). What left
        the group is the judge's to end (`sandbox.end_descendants`)."""
        if self._popen is not None:
            for stream in (self._popen.stdin, self._popen.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        else:
            for fd in (self.read_fd, self.write_fd):
                try:
                    os.close(fd)
                except OSError:
                    pass
        returncode = self._wait(timeout=0.5)
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._wait(timeout=None)
        return returncode

    def read(self, name: str, limit: int | None = None) -> str:
        try:
            return (self.scratch / name).read_text(errors="replace")[:limit]
        except OSError:
            return ""

    def remove_scratch(self) -> None:
        import shutil

        shutil.rmtree(self.scratch, ignore_errors=True)


# --- one job ------------------------------------------------------------------------------------

def _learner_frame(faults: str, workspace: Path) -> str:
    """' in scaled_dot_product_attention (core/attention.py:12)' from a faulthandler dump."""
    for match in _FRAME.finditer(faults):  # most recent call first
        path = Path(match["file"])
        if path.is_relative_to(workspace):
            return f" in {match['function']} ({path.relative_to(workspace)}:{match['line']})"
    return ""


def _signal_name(returncode: int) -> str:
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def describe_learner_error(error: BaseException, memory_mb: int) -> str:
    """"your code raised KeyError: '<' at core/tokenizer.py:97 in encode, on encode('<|x|>')"."""
    remote = getattr(error, "remote", None)
    if remote is None:
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"the check could not use what your code returned: {type(error).__name__}{': ' + message if message else ''}"
    at = f" at {remote['where']}" if remote["where"] else ""
    on = f", on {remote['call']}" if remote.get("call") else ""
    if remote["memory"]:
        return f"ran out of memory (limit {memory_mb} MB){at}{on}"
    if remote["type"] == "OSError" and "File too large" in remote["message"]:
        return f"printed more than {OUTPUT_LIMIT_MB} MB of output{at}"
    if remote["type"] == "SystemExit":
        return f"called sys.exit({remote['message'] or 'None'}){at}"
    message = remote["message"]
    return f"your code raised {remote['type']}{': ' + message if message else ''}{at}{on}"


def _summarise(checks: list[CheckResult]) -> tuple[Status, str]:
    failure = next((check for check in checks if not check.passed), None)
    if failure is None:
        return Status.PASSED, f"all {len(checks)} checks pass"
    failed = sum(not check.passed for check in checks)
    headline = failure.diagnosis or failure.message
    detail = f" ({failure.message})" if failure.diagnosis else ""
    return Status.FAILED, f"{failed} of {len(checks)} checks fail: {headline}{detail}"


class Verdict(Exception):
    """Ends a job early with a status and a line."""

    def __init__(self, status: Status, summary: str):
        super().__init__(summary)
        self.status, self.summary = status, summary


def _is_stub(error: NotImplementedError, exercise: dict) -> bool:
    remote = getattr(error, "remote", None)
    return bool(remote and remote["where"].startswith(exercise["file"] + ":") and remote["in_learner_code"])


def run_checks(exercise: dict, link: Link, source: str) -> list[CheckResult]:
    from lessons.checking import CheckFailed, Trial, check_name

    try:
        module = link.request({"op": "start", "module": exercise["module"], "file": exercise["file"], "source": source,
                               "banned": exercise["banned"], "timeout_s": exercise["timeout_s"],
                               "memory_mb": exercise["memory_mb"], "limits": exercise.get("limits", True)},
                              f"importing {exercise['file']}")
    except BannedCall as error:  # a banned call made at import time is still a ban, not a broken file
        raise Verdict(Status.BANNED, str(error)) from None
    except Exception as error:  # noqa: BLE001 - the learner's module may raise anything
        raise Verdict(Status.ERROR, f"importing {exercise['file']}: {describe_learner_error(error, exercise['memory_mb'])}") from None
    try:
        impl = getattr(module, exercise["target"])
    except AttributeError:
        raise Verdict(Status.ERROR, f"{exercise['file']} has no {exercise['target']}") from None

    checks = importlib.import_module(f"lessons.{exercise['lesson']}.checks").CHECKS[exercise["target"]]
    results = []
    for check in checks:
        name = check_name(check)
        link.running = name
        trial = Trial(link)
        result = CheckResult(name, passed=False)
        try:
            check(trial, impl)
            result.passed = True
        except CheckFailed as failure:
            result.message, result.diagnosis = failure.message, failure.diagnosis
        except NotImplementedError as error:
            if _is_stub(error, exercise):
                raise Verdict(Status.NOT_IMPLEMENTED,
                              f"{exercise['target']} is not implemented yet (it raises NotImplementedError)") from None
            result.message = describe_learner_error(error, exercise["memory_mb"])
        except BannedCall as error:
            raise Verdict(Status.BANNED, str(error)) from None
        except ChangedInput as error:
            result.message = str(error)
        except Exception as error:  # noqa: BLE001 - report whatever the learner's code raised
            result.message = describe_learner_error(error, exercise["memory_mb"])
        result.max_abs_diff, result.shapes = trial.max_abs_diff, trial.shapes
        results.append(result)
    return results


def judge(job: dict, contestant: Contestant) -> tuple[ExerciseResult, bool]:
    """Grade one job with `contestant`; also says whether the contestant may serve the next one
    (it never ran learner code, or the job asked for reuse and it is still healthy)."""
    exercise = job["exercise"]
    workspace = Path(job["workspace"]).resolve()
    started = time.monotonic()
    checks: list[CheckResult] = []
    digest = ""
    link = None
    try:
        try:
            raw = (workspace / exercise["file"]).read_bytes()
            source = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise Verdict(Status.ERROR, f"cannot read {exercise['file']}: {error}") from None
        digest = hashlib.sha256(raw).hexdigest()
        try:
            problems = find_banned_uses(source, exercise["target"], tuple(exercise["banned"]))
        except SyntaxError as error:
            raise Verdict(Status.ERROR, f"syntax error in {exercise['file']} line {error.lineno}: {error.msg}") from None
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise Verdict(Status.BANNED, problems[0] + more)
        contestant.wait_ready()
        started = time.monotonic()
        link = contestant.link(started + exercise["timeout_s"] + KILL_GRACE_S)
        checks = run_checks(exercise, link, source)
        status, summary = _summarise(checks)
    except Verdict as verdict:
        status, summary = verdict.status, verdict.summary
    except ContestantGone as gone:
        returncode = contestant.end()
        if gone.garbled:
            status, summary = Status.CRASHED, f"your code wrote into the grader's channel ({gone}): write only to files you open"
        else:
            status, summary = _how_it_ended(exercise, contestant, workspace, returncode, link)
    seconds = time.monotonic() - started
    reusable = link is None or (bool(job.get("reuse")) and status not in (Status.CRASHED, Status.TIMEOUT, Status.BANNED))
    output = contestant.read("output.txt", OUTPUT_SHOWN)
    return ExerciseResult(exercise["id"], status, summary, checks, output, round(seconds, 3), sha256=digest), reusable


def _how_it_ended(exercise: dict, contestant: Contestant, workspace: Path, returncode: int | None,
                  link: Link | None) -> tuple[Status, str]:
    faults = contestant.read("faults.txt")
    running = getattr(link, "running", None)
    during = f" during “{running}”" if running else ""
    if returncode is None or faults.startswith("Timeout"):
        where = _learner_frame(faults, workspace) or f" in {exercise['target']}"
        return Status.TIMEOUT, f"timed out after {exercise['timeout_s']:g} s{where}{during}"
    if returncode < 0:
        return Status.CRASHED, f"crashed: {_signal_name(returncode)}{_learner_frame(faults, workspace)}{during}"
    return Status.CRASHED, f"the process exited with status {returncode} (os._exit or sys.exit in your code?){during}"


# --- the judge process --------------------------------------------------------------------------

def main() -> None:
    import torch

    import lessons.checking  # noqa: F401 - the checks' import, paid before the first job

    torch.set_num_threads(1)
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # a stray print must not look like a verdict
    workspace, scratch_root = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    scratch_root.mkdir(parents=True, exist_ok=True)
    forks = ForkServer(workspace, scratch_root) if sandbox.become_subreaper() else None
    warm = collections.deque([Contestant(workspace, scratch_root, forks) for _ in range(WARM_CONTESTANTS)])
    replies.write("ready\n")
    replies.flush()
    served = None  # the exercise the reused contestant last served: it serves one exercise only
    for line in sys.stdin:
        job = json.loads(line)
        if warm and served not in (None, job["exercise"]["id"]):
            retired = warm.popleft()
            _retire(retired, spare=_spares(warm, forks))
        contestant = warm.popleft() if warm else Contestant(workspace, scratch_root, forks)
        served = job["exercise"]["id"]
        try:
            result, reusable = judge(job, contestant)
        except Exception as error:  # noqa: BLE001 - the grader's own failure (a contestant that cannot start, a broken check)
            result, reusable = ExerciseResult(job["exercise"]["id"], Status.ERROR, f"grader: {one_line_error(error)}"), False
        if reusable:
            warm.appendleft(contestant)
        else:  # before the verdict goes out: nothing the learner started outlives it
            _retire(contestant, spare=_spares(warm, forks))
            served = None
        replies.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        replies.flush()
        while job.get("prepare_next", True) and len(warm) < (1 if job.get("reuse") else WARM_CONTESTANTS):
            warm.append(Contestant(workspace, scratch_root, forks))
    while warm:
        contestant = warm.popleft()
        _retire(contestant, spare=_spares(warm, forks))
    if forks is not None:
        forks.close()
    sandbox.end_descendants(os.getpid())


def _spares(warm, forks: ForkServer | None) -> frozenset[int]:
    """What retiring a contestant must not kill: the warm ones and the fork server."""
    return frozenset([*(c.pid for c in warm), *([forks.process.pid] if forks is not None else [])])


def _retire(contestant: Contestant, spare: frozenset[int] = frozenset()) -> None:
    """End a contestant and everything below the judge that is not a warm spare."""
    contestant.end()
    sandbox.end_descendants(os.getpid(), spare)
    contestant.remove_scratch()

if __name__ == "__main__":
    main()
