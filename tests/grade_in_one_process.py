"""Grades many known-wrong implementations of one exercise in one process (tests only).

The app grades every save in a fresh, limited child; for the test suite's hundreds of
trusted mistake files that costs a torch import each. This runs the same grading code
(`grade_learner_code`) for one job per stdin line, prints "done" after each, and starts every
job with a fresh import of the learner's `core` package. Runtime bans patch torch for the
rest of the process, so one process serves one exercise only.
"""

import importlib
import json
import os
import sys
from pathlib import Path

from app.engine.grader_worker import Events, grade_learner_code


def main() -> None:
    import torch

    import lessons.checking  # noqa: F401 - the checks' import, paid once

    torch.set_num_threads(1)
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # what the learner's code prints must not look like "done"
    protocol.write("ready\n")
    protocol.flush()
    for line in sys.stdin:
        job = json.loads(line)
        for name in [name for name in sys.modules if name == "core" or name.startswith("core.")]:
            del sys.modules[name]
        importlib.invalidate_caches()
        grade_learner_code(job, Events(Path(job["scratch"]) / "events.jsonl"))
        protocol.write("done\n")
        protocol.flush()


if __name__ == "__main__":
    main()
