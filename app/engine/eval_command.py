"""`tinylm-tui eval RUN [--step N]`: lesson 15's evaluation report for a checkpoint of a run.

    tinylm-tui eval baby-20261127-081500                 the newest checkpoint
    tinylm-tui eval baby-20261127-081500 --step 1000 --finetune-steps 100 --threshold 0.2

The report is computed in a child process (Ctrl-C stops it), saved as report.md and
report.json under checkpoints/<run>/eval/step-<N>/, and reused while the checkpoint, the
options and the code are the same. Exit status: 0 done, 1 the run or checkpoint cannot be
evaluated (a one-line reason on stderr), 130 interrupted. torch is imported only in the child.
"""

from __future__ import annotations

import argparse
import sys


def add_parser(commands: argparse._SubParsersAction) -> None:
    from app.engine.evaluation import EvalOptions

    defaults = EvalOptions()
    evaluate = commands.add_parser("eval", help="evaluate a run's checkpoint: pretrained vs random, fine-tuning, failure modes")
    evaluate.add_argument("run", help="the run's name (a folder under checkpoints/)")
    evaluate.add_argument("--step", type=int, help="the checkpoint's step (default: the newest)")
    evaluate.add_argument("--finetune-steps", type=int, default=defaults.finetune_steps,
                          help=f"steps of each fine-tuning and from-scratch run (default {defaults.finetune_steps})")
    evaluate.add_argument("--threshold", type=float, default=defaults.forgetting_threshold,
                          help="largest rise of the val loss after fine-tuning that still passes capability "
                               f"preservation, in nats (default {defaults.forgetting_threshold})")
    evaluate.add_argument("--seed", type=int, default=defaults.seed, help=f"random init, batches and samples (default {defaults.seed})")
    evaluate.add_argument("--json", action="store_true", help="print report.json instead of the markdown")


def run(args: argparse.Namespace) -> int:
    """The `eval` command; `args.root` is the folder holding checkpoints/."""
    import dataclasses
    import json

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from app.engine.evaluation import EvalOptions, EvaluationError, EvaluationRun
    from app.engine.runs import RunError, find_run

    if args.finetune_steps < 1 or args.threshold < 0:
        print("tinylm-tui: --finetune-steps must be at least 1 and --threshold at least 0", file=sys.stderr)
        return 2
    evaluation = None
    options = dataclasses.replace(EvalOptions(), finetune_steps=args.finetune_steps,
                                  forgetting_threshold=args.threshold, seed=args.seed)
    try:
        evaluation = EvaluationRun(args.root, find_run(args.root, args.run).path, args.step, options)
        report = evaluation.cached()
        if report is None:
            columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
            with Progress(*columns, console=Console(stderr=True)) as bar:
                task = bar.add_task(f"evaluating {args.run} at step {evaluation.step}", total=1.0)
                report = evaluation.result(lambda progress: bar.update(task, completed=progress.fraction,
                                                                       description=progress.message))
    except (EvaluationError, RunError) as error:
        print(f"tinylm-tui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if evaluation is not None:
            evaluation.cancel()
        print("tinylm-tui: evaluation interrupted; nothing was saved", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print((evaluation.folder / "report.md").read_text(encoding="utf-8"))
        print(f"saved in {evaluation.folder}/ (report.md, report.json)", file=sys.stderr)
    return 0
