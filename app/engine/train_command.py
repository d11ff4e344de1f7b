"""Training from the shell: start, watch, stop, resume and sample runs without the app.

    tinylm-tui train [--preset P] [--corpus C] [--device D] [--name N] [KEY=VALUE ...]
    tinylm-tui runs                         every run: state, step, best val loss, device, age
    tinylm-tui status RUN                   configuration, latest metrics, last sample, ETA
    tinylm-tui stop RUN                     the worker saves a checkpoint and exits
    tinylm-tui resume RUN                   carry on from the newest good checkpoint
    tinylm-tui sample RUN [--step N] --prompt TEXT [--temperature T] [--top-k K] [--top-p P]
                      [--max-tokens N] [--seed S]

`train` and `resume` return once the detached worker is training; it goes on after the
shell closes. Exit status: 0 done, 1 the run cannot do it (a one-line reason on stderr:
a corrupt checkpoint, a worker that died), 2 a usage error (unknown run, preset or setting).
torch is imported only by `sample`, so the other commands start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from app.engine.data_command import CORPUS_HELP
from app.engine.run_summary import duration, summarise

COMMANDS = ("train", "runs", "status", "stop", "resume", "sample")


def add_parser(commands: argparse._SubParsersAction) -> None:
    from app.engine.training.config import PRESETS

    train = commands.add_parser("train", help="start pretraining in the background (a detached worker)")
    train.add_argument("--preset", default="baby", choices=list(PRESETS), help="model and recipe (default: baby)")
    train.add_argument("--corpus", default="shakespeare", help=CORPUS_HELP)
    train.add_argument("--device", default=None, help="auto (default: CUDA, then MPS, then CPU), cuda, mps or cpu")
    train.add_argument("--name", default=None, help="the run's name (default: <preset>-<date>-<time>)")
    train.add_argument("overrides", nargs="*", metavar="KEY=VALUE", help="change a setting, e.g. max_steps=500 dropout=0.1")
    commands.add_parser("runs", help="training runs: state, step, best val loss")
    for name, text in (("status", "a run's configuration, progress, latest sample and ETA"),
                       ("stop", "stop a run's worker (it saves a checkpoint first)")):
        commands.add_parser(name, help=text).add_argument("run")
    resume = commands.add_parser("resume", help="carry on a stopped or interrupted run")
    resume.add_argument("run")
    resume.add_argument("--device", default=None, help="auto (default), cuda, mps or cpu")
    sample = commands.add_parser("sample", help="generate text from a run's checkpoint")
    sample.add_argument("run")
    from app.engine.sampling import add_arguments

    add_arguments(sample)


# --- formatting ---------------------------------------------------------------------------------

def _age(run) -> float:
    return time.time() - (run.path / "config.json").stat().st_mtime


def _best(run) -> dict | None:
    return next((entry for entry in run.checkpoints() if entry.get("best")), None)


def _loss(value) -> str:
    return f"{value:.4f}" if isinstance(value, (int, float)) else "–"


def _runs(root: Path) -> int:
    from app.engine.runs import list_runs

    runs = list_runs(root)
    if not runs:
        print("no runs yet: start one with `tinylm-tui train` (e.g. tinylm-tui train --preset tiny)")
        return 0
    rows = [("run", "state", "step", "best val", "device", "age")]
    for run in runs:
        status = run.status()
        best = _best(run)
        rows.append((run.name, status.get("state", "?"), f"{status.get('step', 0):,}/{status.get('max_steps', 0):,}",
                     _loss(best["val_loss"]) if best else "–", status.get("device") or "–", duration(_age(run))))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


def _status(root: Path, name: str) -> int:
    from app.engine.runs import find_run
    from app.engine.training.config import describe

    run = find_run(root, name)
    config, status = run.config(), run.status()
    metrics = run.metrics()
    summary = summarise(config, status, metrics)
    latest = next((row for row in reversed(metrics) if row.get("train_loss") is not None), None)
    evaluation = next((row for row in reversed(metrics) if row.get("val_loss") is not None), None)
    best = _best(run)
    yours = [piece for piece, where in config.get("implementations", {}).items() if where == "yours"]
    print(f"{run.name}  {status.get('state')}  step {status.get('step', 0):,}/{status.get('max_steps', 0):,}"
          + (f"  — {status['message']}" if status.get("message") else ""))
    print(f"  model     {describe(config)}")
    print(f"  corpus    {config['corpus']} ({config['tokenizer']}, vocab {config['vocab_size']}); "
          f"device {config['device']} ({config['dtype']})")
    print(f"  code      {'yours: ' + ', '.join(yours) if yours else 'the references (your pieces join once they pass)'}")
    if config.get("attention") == "fused":
        print("  attention fused kernel in training steps (your layer's weights; its own forward for evals and heatmaps)")
    if config.get("overrides"):
        print("  changed   " + ", ".join(f"{key}={value}" for key, value in config["overrides"].items()))
    if latest:
        print(f"  train     loss {_loss(latest['train_loss'])}  lr {latest['lr']:.2e}  grad norm {latest['grad_norm']:.3f}  "
              f"{latest['tokens_per_s']:,.0f} tokens/s")
    if evaluation:
        target = config.get("target_val_loss")
        print(f"  val       loss {_loss(evaluation['val_loss'])} at step {evaluation['step']:,}"
              + (f"  (best {_loss(best['val_loss'])} at step {best['step']:,})" if best else "")
              + (f"  target {target}" if target else ""))
    elapsed = latest["elapsed_s"] if latest else 0.0
    memory = f"  peak memory {status['memory_mb']:,.0f} MB" if status.get("memory_mb") else ""
    print(f"  time      {duration(elapsed)} training, ETA {duration(summary.eta_s)}{memory}")
    samples = run.samples()
    if samples:
        last = samples[-1]
        text = (last["prompt"] + last["text"]).strip("\n").splitlines()[:8]
        print(f"  sample at step {last['step']:,} (temperature {last['temperature']}):")
        print("\n".join(f"    {line}" for line in text))
    print(f"  files     {run.path}")
    return 0


def _train(root: Path, args: argparse.Namespace) -> int:
    from app.engine.training.launch import start_run

    started = start_run(root, args.preset, args.corpus, args.device, args.name, args.overrides)
    return _started(started, "started")


def _started(started, verb: str) -> int:
    from app.engine.runs import RunDirectory

    status = RunDirectory(started.path).status()
    print(f"{verb} {started.name} (worker pid {started.pid}, {status.get('device') or 'device pending'}, "
          f"{started.state}); it keeps training after this shell closes")
    print(f"  watch:  tinylm-tui status {started.name}    (or open the app)")
    print(f"  stop:   tinylm-tui stop {started.name}      resume: tinylm-tui resume {started.name}")
    print(f"  log:    {started.path / 'worker.log'}")
    return 0


def _stop(root: Path, name: str) -> int:
    from app.engine.training.launch import stop_run

    status = stop_run(root, name)
    print(f"{name}: {status.get('state')} at step {status.get('step', 0):,}"
          + (f" ({status['message']})" if status.get("message") else ""))
    return 0


def _sample(root: Path, args: argparse.Namespace) -> int:
    from app.engine.sampling import open_and_stream
    from app.engine.training.launch import quiet_openmp

    quiet_openmp(os.environ)

    sampler, tokens = open_and_stream(root, args.run, args)
    sys.stdout.write(args.prompt)
    for piece in tokens:
        sys.stdout.write(piece)
        sys.stdout.flush()
    sys.stdout.write("\n")
    print(f"(run {args.run}, checkpoint step {sampler.step:,}, seed {args.seed})", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """The training commands; `args.root` is the workspace holding checkpoints/ and data/."""
    from app.engine.corpus import CorpusError
    from app.engine.dataset import DataError
    from app.engine.runs import RunError
    from app.engine.sampling import SamplingError
    from app.engine.training.config import ConfigError
    from app.engine.training.launch import LaunchError

    root = Path(args.root).resolve()
    try:
        if args.command == "train":
            return _train(root, args)
        if args.command == "runs":
            return _runs(root)
        if args.command == "status":
            return _status(root, args.run)
        if args.command == "stop":
            return _stop(root, args.run)
        if args.command == "resume":
            from app.engine.training.launch import resume_run

            return _started(resume_run(root, args.run, args.device), "resumed")
        return _sample(root, args)
    except (ConfigError, RunError) as error:
        print(f"tinylm-tui: {error}", file=sys.stderr)
        return 2
    except (LaunchError, SamplingError, CorpusError, DataError) as error:
        print(f"tinylm-tui: {error}", file=sys.stderr)
        return 1
