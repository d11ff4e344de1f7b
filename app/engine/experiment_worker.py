"""The child process that runs one lesson experiment (`python -m app.engine.experiment_worker JOB`).

It writes `progress.jsonl` as the experiment goes and, at the end, `result.json`
(atomically) or `error.txt` (one line). The parent only reads those files, so a crash
or a kill leaves nothing that looks like a result. An experiment that names a corpus gets
it as `run.corpus`, prepared here first (into the workspace's data/) if it is not yet.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.engine.child_job import failures_reported_in
from app.engine.corpus import CorpusError, load_corpus
from app.engine.dataset import DataError, decoder, load_meta, load_split, prepare
from app.engine.files import replace_file


def experiment_corpus(root: Path, spec: str, say: Callable[[str], None] = lambda message: None):
    """The corpus `spec` names as an experiment receives it (`run.corpus`, a CorpusData);
    prepared first, with progress messages to `say`, if data/<name>-char/ is not there yet."""
    from lessons.experimenting import CorpusData

    try:
        meta = load_meta(root, spec)
    except DataError:
        say("preparing the corpus…")

        def report(done: int, total: int) -> None:
            say(f"preparing the corpus… {done / total:.0%}")

        meta = prepare(root, load_corpus(spec, root), report).meta
    name = meta["corpus"]["name"]
    return CorpusData(name=name, train=load_split(root, name, "train"), val=load_split(root, name, "val"),
                      vocab_size=meta["tokenizer"]["vocab_size"], decode=decoder(meta))


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
    with failures_reported_in(out, explained=(CorpusError, DataError)):
        if job.get("corpus"):
            run.corpus = experiment_corpus(Path(job["workspace"]), job["corpus"],
                                           lambda message: run.progress(0.0, message))
        experiment = getattr(importlib.import_module(f"lessons.{job['lesson']}.experiments"), job["function"])
        experiment(run, **job.get("options", {}))
        result = json.dumps(run.result() | {"experiment": job["experiment"]}, allow_nan=False)
    replace_file(out / "result.json", result)


if __name__ == "__main__":
    main()
