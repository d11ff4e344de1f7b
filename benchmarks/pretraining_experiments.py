"""Lesson 14's experiments at full size: the time each takes and the numbers the lesson text quotes.

Each experiment runs in this process as the app's worker would run it (one torch thread, the
prepared Shakespeare corpus, the reference implementations), one after another. For each it
prints the wall time, the CPU time (user + system: what the run costs on an idle core, whatever
else the machine is doing), the load average before it, and its tables and readings.

    python benchmarks/pretraining_experiments.py [--seed 0] [--only lr_schedule,scaling,data_efficiency,temperature]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import torch  # noqa: E402

from app.engine.experiment_worker import experiment_corpus  # noqa: E402
from lessons.experimenting import Run  # noqa: E402
from lessons.pretraining import experiments  # noqa: E402

EXPERIMENTS = ("lr_schedule", "scaling", "data_efficiency", "temperature")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def show(blocks: list[dict]) -> None:
    for block in blocks:
        if block["kind"] == "table":
            print(f"  {block['title']}")
            for row in [block["columns"], *block["rows"]]:
                print("    " + " | ".join(map(str, row)))
        elif block["kind"] == "text":
            print("  " + block["text"].replace("\n", "\n  "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default=",".join(EXPERIMENTS), help="comma-separated experiment names")
    args = parser.parse_args()
    torch.set_num_threads(1)  # as in the experiments' child process
    corpus = experiment_corpus(REPO_ROOT, "shakespeare")
    for name in args.only.split(","):
        load = os.getloadavg()[0]
        run = Run(args.seed, REPO_ROOT, set(), lambda event: None, corpus)
        wall, cpu = time.perf_counter(), cpu_seconds()
        getattr(experiments, name)(run)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        print(f"{name}: {wall:.0f} s wall, {cpu:.0f} s CPU, load average {load:.1f} before")
        show(run.blocks)
        print()


if __name__ == "__main__":
    main()
