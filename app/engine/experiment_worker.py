"""The child process that runs one lesson experiment (`python -m app.engine.experiment_worker JOB`).

It writes `progress.jsonl` as the experiment goes and, at the end, `result.json`
(atomically) or `error.txt` (one line). The parent only reads those files, so a crash
or a kill leaves nothing that looks like a result.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
from pathlib import Path


def _one_line_error(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + message if message else ''}{where}"


def main() -> None:
    job = json.loads(sys.argv[1])
    out = Path(job["out"])
    os.nice(5)  # the app's event loop shares these cores
    progress_file = open(out / "progress.jsonl", "a", encoding="utf-8")

    def report(event: dict) -> None:
        progress_file.write(json.dumps(event) + "\n")
        progress_file.flush()

    import torch

    from lessons.experimenting import Run

    torch.manual_seed(job["seed"])
    run = Run(job["seed"], Path(job["workspace"]), set(job["learner_exercises"]), report)
    try:
        experiment = getattr(importlib.import_module(f"lessons.{job['lesson']}.experiments"), job["function"])
        experiment(run)
        result = json.dumps(run.result() | {"experiment": job["experiment"]}, allow_nan=False)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything; report it
        (out / "error.txt").write_text(_one_line_error(error) + "\n", encoding="utf-8")
        sys.exit(1)
    temporary = out / "result.json.tmp"
    temporary.write_text(result, encoding="utf-8")
    os.replace(temporary, out / "result.json")


if __name__ == "__main__":
    main()
