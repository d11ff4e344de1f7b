"""Save → verdict latency for the attention exercises, through the app's own path.

A file is saved in a scratch workspace; the watcher (`saved_learner_files`) notices it;
the warm grader grades it. We time from the write to the verdict. Between saves we pause
as a learner does (reading the verdict, editing); `--pause` sets how long, and a pause
shorter than the next child's torch import shows the cost of saving in rapid bursts.

    python benchmarks/check_latency.py [--rounds 5] [--pause 5]
"""

from __future__ import annotations

import argparse
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from app.engine.course import load_course  # noqa: E402
from app.engine.grader import Grader  # noqa: E402
from app.engine.watch import saved_learner_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="saves per exercise")
    parser.add_argument("--pause", type=float, default=5.0, help="seconds between saves")
    args = parser.parse_args()

    course = load_course()
    exercises = course.lesson("attention").exercises
    root = Path(tempfile.mkdtemp(prefix="tinylm-bench-"))
    shutil.copytree(REPO_ROOT / "core", root / "core", ignore=shutil.ignore_patterns("__pycache__"))
    learner_file = root / "core" / "attention.py"
    solved = (REPO_ROOT / "lessons" / "attention" / "reference.py").read_text()
    learner_file.write_text(solved)

    grader = Grader(root)
    grader.warm_up()
    saves: queue.Queue = queue.Queue()
    stop = threading.Event()

    def watch() -> None:
        for paths in saved_learner_files(root, stop):
            saves.put((time.perf_counter(), paths))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    time.sleep(args.pause)  # the first child imports torch; the watcher starts

    latencies: dict[str, list[float]] = {ex.id: [] for ex in exercises}
    verdicts = set()
    for round_number in range(args.rounds):
        for exercise in exercises:
            written = time.perf_counter()
            learner_file.write_text(solved + f"\n# save {round_number}\n")
            noticed, _ = saves.get(timeout=30)
            result = grader.grade(exercise)
            latencies[exercise.id].append(time.perf_counter() - written)
            verdicts.add(result.summary)
            print(f"{exercise.id:42s} save→verdict {latencies[exercise.id][-1]:.3f} s "
                  f"(noticed after {noticed - written:.3f} s; {result.summary})", flush=True)
            time.sleep(args.pause)

    stop.set()
    grader.close()
    shutil.rmtree(root, ignore_errors=True)
    everything = [value for values in latencies.values() for value in values]
    print()
    for exercise_id, values in latencies.items():
        print(f"{exercise_id:42s} median {statistics.median(values):.3f} s  max {max(values):.3f} s")
    print(f"{'all attention exercises':42s} median {statistics.median(everything):.3f} s  "
          f"max {max(everything):.3f} s over {len(everything)} saves, pause {args.pause:g} s")


if __name__ == "__main__":
    main()
