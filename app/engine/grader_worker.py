"""The grader's child process: imports torch once, waits for one job, runs it, exits.

`Grader` starts this ahead of time, so a save only pays for the checks. The learner's
code runs here under limits (time via faulthandler's watchdog, address space, output
size), with stdout and stderr sent to a capped file. Every event goes to
`events.jsonl` in the job's scratch folder as it happens, so whatever the learner's code
does to this process, the parent can tell how far it got.

Protocol: print "ready", read one JSON line from stdin (the job), write events, `_exit(0)`.
"""

from __future__ import annotations

import errno
import faulthandler
import importlib
import json
import os
import signal
import sys
import traceback
from pathlib import Path

MiB = 1024 * 1024
OUTPUT_LIMIT = 1 * MiB


class BannedAPIUsed(Exception):
    pass


class Events:
    def __init__(self, path: Path):
        self.file = open(path, "a", encoding="utf-8")

    def write(self, **event) -> None:
        self.file.write(json.dumps(event) + "\n")
        self.file.flush()


def _learner_location(tb, learner_file: Path) -> str:
    """'core/attention.py:14 in scaled_dot_product_attention' for the innermost learner frame."""
    for frame in reversed(traceback.extract_tb(tb)):
        if Path(frame.filename).resolve() == learner_file:
            return f"{learner_file.parent.name}/{learner_file.name}:{frame.lineno} in {frame.name}"
    return ""


def _limit_resources(memory_mb: int) -> None:
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-long write fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT, OUTPUT_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    status = Path("/proc/self/status")
    if status.exists():  # Linux; macOS does not enforce address-space limits
        in_use_kb = next(int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmSize:"))
        limit = in_use_kb * 1024 + memory_mb * MiB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _redirect_output(path: Path) -> None:
    sink = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(sink, 1)
    os.dup2(sink, 2)
    os.close(sink)
    sys.stdin = open(os.devnull)  # input() gets EOF instead of hanging


def _ban_at_runtime(banned: list[str]) -> None:
    for dotted in banned:
        module_name, attribute = dotted.rsplit(".", 1)
        module = importlib.import_module(module_name)

        def refuse(*args, _name=dotted, **kwargs):
            raise BannedAPIUsed(f"{_name} is not allowed in this exercise")

        setattr(module, attribute, refuse)


def _describe_exception(error: BaseException, learner_file: Path, memory_mb: int) -> str:
    where = _learner_location(error.__traceback__, learner_file)
    suffix = f" at {where}" if where else ""
    if isinstance(error, MemoryError) or "can't allocate memory" in str(error) or "not enough memory" in str(error):
        return f"ran out of memory (limit {memory_mb} MB){suffix}"
    if isinstance(error, OSError) and error.errno == errno.EFBIG:
        return f"printed more than {OUTPUT_LIMIT // MiB} MB of output{suffix}"
    if isinstance(error, SystemExit):
        return f"called sys.exit({error.code!r}){suffix}"
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"raised {type(error).__name__}{': ' + message if message else ''}{suffix}"


def run_job(job: dict) -> None:
    """Put this process under the job's limits, then grade."""
    scratch = Path(job["scratch"])
    exercise = job["exercise"]
    events = Events(scratch / "events.jsonl")
    faults = open(scratch / "faults.txt", "w")
    faulthandler.enable(file=faults)
    faulthandler.dump_traceback_later(exercise["timeout_s"], exit=True, file=faults)
    _limit_resources(exercise["memory_mb"])
    _redirect_output(scratch / "output.txt")
    grade_learner_code(job, events)


def grade_learner_code(job: dict, events: Events) -> None:
    """Scan for bans, import the learner's module, run every check, writing events as it goes."""
    from lessons.checking import CheckFailed, Trial, check_name
    from lessons.learner import load_learner_package

    exercise = job["exercise"]
    workspace = Path(job["workspace"]).resolve()
    learner_file = (workspace / exercise["file"]).resolve()
    target = exercise["target"]

    def verdict(status: str, summary: str) -> None:
        events.write(verdict={"status": status, "summary": summary})

    try:
        source = learner_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return verdict("error", f"cannot read {exercise['file']}: {error}")
    from app.engine.bans import find_banned_uses

    try:
        problems = find_banned_uses(source, target, tuple(exercise["banned"]))
    except SyntaxError as error:
        return verdict("error", f"syntax error in {exercise['file']} line {error.lineno}: {error.msg}")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return verdict("banned", problems[0] + more)

    _ban_at_runtime(exercise["banned"])
    try:
        load_learner_package(workspace)
        module = importlib.import_module(exercise["module"])
    except BannedAPIUsed as error:  # a banned call made at import time is still a ban, not a broken file
        return verdict("banned", str(error))
    except BaseException as error:  # noqa: BLE001 - the learner's module may raise anything
        return verdict("error", f"importing {exercise['file']} {_describe_exception(error, learner_file, exercise['memory_mb'])}")
    impl = getattr(module, target, None)
    if impl is None:
        return verdict("error", f"{exercise['file']} has no {target}")

    checks = importlib.import_module(f"lessons.{exercise['lesson']}.checks").CHECKS[target]
    for check in checks:
        name = check_name(check)
        events.write(running=name)
        trial = Trial()
        result = {"name": name, "passed": False, "message": "", "diagnosis": None}
        try:
            check(trial, impl)
            result["passed"] = True
        except CheckFailed as failure:
            result |= {"message": failure.message, "diagnosis": failure.diagnosis}
        except NotImplementedError as error:
            if _learner_location(error.__traceback__, learner_file):
                return verdict("not_implemented", f"{target} is not implemented yet (it raises NotImplementedError)")
            result["message"] = _describe_exception(error, learner_file, exercise["memory_mb"])
        except BannedAPIUsed as error:
            return verdict("banned", str(error))
        except BaseException as error:  # noqa: BLE001 - report whatever the learner's code raised
            result["message"] = _describe_exception(error, learner_file, exercise["memory_mb"])
        events.write(check=result | {"max_abs_diff": trial.max_abs_diff, "shapes": trial.shapes})
    events.write(done=True)


def main() -> None:
    import torch

    import lessons.checking  # noqa: F401 - warm the import the checks need

    torch.set_num_threads(1)  # checks use small tensors; threads only cost start-up and memory
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if line:
        try:
            run_job(json.loads(line))
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except OSError:
                    pass
    os._exit(0)


if __name__ == "__main__":
    main()
