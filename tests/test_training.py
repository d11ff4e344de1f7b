"""The training worker, end to end on a small text file: curves, exact resume, stop, refusals.

One uninterrupted run (trained in this process, as the worker's main()) is the reference
curve; the detached runs that are killed, stopped and resumed must reproduce it row for row.
Every run uses the tiny preset shrunk further (RUN_SETTINGS, with dropout so that its random
masks are part of what must be reproduced) and one CPU thread, so results do not depend on
the machine's core count.
"""

from __future__ import annotations

import json
import math
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.engine.runs import RunDirectory, runs_root
from app.engine.training import launch
from app.engine.training.config import ConfigError, build_config, parse_overrides

REPO_ROOT = Path(__file__).resolve().parents[1]
RUN_SETTINGS = ["max_steps=80", "log_every=10", "eval_every=20", "sample_every=40", "checkpoint_every=10",
                "eval_batches=2", "sample_tokens=12", "threads=1", "dropout=0.1"]
TIMING = ("tokens_per_s", "elapsed_s", "time")  # differ between any two runs; everything else must not


def write_corpus(root: Path) -> Path:
    """A 24,000-character play-like text file: a corpus a tiny model learns from in 80 steps."""
    rng = random.Random(0)
    words = "the king queen love death night day sweet lord come go hath thou thee my good".split()
    lines = []
    while sum(map(len, lines)) < 24_000:
        lines += [rng.choice(["ROMEO:", "JULIET:", "KING:"]), " ".join(rng.choices(words, k=8)) + ".", ""]
    path = root / "play.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def train_in_process(root: Path, name: str, *extra: str, resume: bool = False) -> int:
    """The worker's main() in this process (no detaching; for runs a test does not interrupt)."""
    import torch

    from app.engine.training import worker

    threads = torch.get_num_threads()
    try:
        if resume:
            return worker.main(["--root", str(root), "--run", name, "--resume", *extra])
        settings = [f"--set={item}" for item in RUN_SETTINGS]
        return worker.main(["--root", str(root), "--run", name, "--preset", "tiny", "--corpus",
                            str(root / "play.txt"), *settings, *extra])
    finally:
        torch.set_num_threads(threads)


def curve(root: Path, name: str) -> list[dict]:
    return [{key: value for key, value in row.items() if key not in TIMING} for row in RunDirectory(runs_root(root) / name).metrics()]


def samples(root: Path, name: str) -> list[dict]:
    return RunDirectory(runs_root(root) / name).samples()


def wait_until(condition, timeout_s: float = 120.0, poll_s: float = 0.01):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(poll_s)
    raise AssertionError("timed out waiting")


def saved_steps(run: RunDirectory) -> list[int]:
    try:
        return [entry["step"] for entry in json.loads((run.path / "checkpoints.json").read_text())]
    except (FileNotFoundError, ValueError):
        return []


def cli(root: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli", "--root", str(root), *argv], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A workspace with the play corpus and one finished, uninterrupted run "reference"."""
    root = tmp_path_factory.mktemp("training")
    write_corpus(root)
    assert train_in_process(root, "reference") == 0
    return root


# --- configuration (no torch) ------------------------------------------------------------------

def test_presets_match_nanogpt_shapes():
    baby, small = build_config("baby"), build_config("small")
    assert (baby.model.n_layer, baby.model.n_head, baby.model.d_model, baby.model.block_size) == (4, 4, 128, 64)
    assert (baby.train.batch_size, baby.train.max_steps, baby.target_val_loss) == (12, 2000, 1.88)
    assert (small.model.n_layer, small.model.n_head, small.model.d_model, small.model.block_size) == (6, 6, 384, 256)
    assert (small.train.batch_size, small.model.dropout) == (64, 0.2)


def test_overrides_are_type_checked_with_one_line_errors():
    config = build_config("tiny", ["max_steps=1_000", "dropout=0.1", "learning_rate=3e-4"])
    assert (config.train.max_steps, config.model.dropout, config.train.learning_rate) == (1000, 0.1, 3e-4)
    assert config.overrides == {"max_steps": 1000, "dropout": 0.1, "learning_rate": 3e-4}
    assert parse_overrides(["batch_size=4"]) == {"batch_size": 4}
    for bad, says in (["max_step=5"], "unknown setting 'max_step'"), (["max_steps=1.5"], "takes an integer"), \
                     (["dropout=lots"], "takes a number"), (["max_steps"], "is not key=value"), \
                     (["n_head=3"], "not divisible"), (["batch_size=0"], "at least 1"), (["vocab_size=9"], "unknown setting"):
        with pytest.raises(ConfigError) as error:
            build_config("tiny", bad)
        assert says in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(ConfigError, match="unknown preset 'huge'"):
        build_config("huge")


def test_a_bad_override_is_refused_before_any_worker_starts(tmp_path):
    result = cli(tmp_path, "train", "--preset", "tiny", "max_steps=lots")
    assert result.returncode == 2
    assert result.stderr.strip() == "tinylm-tui: max_steps=lots: max_steps takes an integer"
    assert not runs_root(tmp_path).exists()


# --- one run ------------------------------------------------------------------------------------

def test_the_run_directory_holds_the_whole_run(workspace):
    run = RunDirectory(runs_root(workspace) / "reference")
    config, status = run.config(), run.status()
    assert config["preset"] == "tiny" and config["corpus"] == "play" and config["device"] == "cpu"
    assert config["implementations"]["transformer.GPT"] == "reference"  # nothing passes in a fresh workspace
    assert config["implementations"]["tokenization.get_batch"] == "reference"  # batches come from lesson 13's loader
    assert config["attention"] == "fused"  # training steps through the fused kernel; heatmaps from the layer's own
    assert config["overrides"]["max_steps"] == 80 and config["train"]["max_steps"] == 80
    assert status["state"] == "finished" and status["step"] == 80
    rows = run.metrics()
    assert [row["step"] for row in rows] == [0, 10, 20, 30, 40, 50, 60, 70, 80]
    assert [row["step"] for row in rows if "val_loss" in row] == [0, 20, 40, 60, 80]
    assert {row["step"] for row in run.samples()} == {0, 40, 80}
    kept = [entry["step"] for entry in run.checkpoints() if entry["file"] != "best.pt"]
    # keep_last 3 (50, 60, 70), the milestones of checkpoint_every 10 (0, 10, 20, 40, 80) and the best
    assert kept == [0, 10, 20, 40, 50, 60, 70, 80] and (run.path / "best.pt").exists()
    attention = run.latest_attention()
    assert attention["step"] == 80 and len(attention["layers"]) == 2 and len(attention["layers"][0]) == 2
    T = len(attention["tokens"])
    assert "".join(attention["tokens"]) == config["probe_prompt"] and len(attention["layers"][0][0]) == T
    assert all(abs(sum(row) - 1) < 1e-3 for row in attention["layers"][1][0])


def test_loss_starts_at_ln_vocab_and_falls(workspace):
    rows = [row for row in RunDirectory(runs_root(workspace) / "reference").metrics() if "val_loss" in row]
    vocab = RunDirectory(runs_root(workspace) / "reference").config()["vocab_size"]
    assert abs(rows[0]["val_loss"] - math.log(vocab)) < 0.2
    assert rows[-1]["val_loss"] < rows[0]["val_loss"] - 1.0


def test_kill_9_mid_run_then_resume_gives_the_identical_curve(workspace, capsys):
    # recomputing activations in the backward pass (dropout masks replayed) changes nothing either
    started = launch.start_run(workspace, "tiny", str(workspace / "play.txt"), name="killed",
                               overrides=[*RUN_SETTINGS, "recompute=1"])
    run = RunDirectory(started.path)
    wait_until(lambda: len(saved_steps(run)) >= 3)  # steps 0, 10 and 20 are saved
    os.kill(started.pid, signal.SIGKILL)
    wait_until(lambda: not run.is_alive())
    assert run.status()["state"] == "interrupted"
    assert run.metrics()[-1]["step"] < 80, "the worker finished before it could be killed"
    newest = run.path / max(run.checkpoints(), key=lambda entry: entry["step"])["file"]
    newest.write_bytes(newest.read_bytes()[:1000])  # the newest checkpoint is damaged too: it is skipped
    assert train_in_process(workspace, "killed", resume=True) == 0
    assert f"warning: skipping a checkpoint: {newest.name} is unreadable" in capsys.readouterr().out
    assert curve(workspace, "killed") == curve(workspace, "reference")
    assert samples(workspace, "killed") == samples(workspace, "reference")
    assert run.status()["state"] == "finished"


def test_cli_train_survives_its_parent_refuses_a_second_worker_and_stop_resume_is_exact(workspace, capsys):
    result = cli(workspace, "train", "--preset", "tiny", "--corpus", str(workspace / "play.txt"), "--name", "stopped",
                 *RUN_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("started stopped") and "tinylm-tui status stopped" in result.stdout
    run = RunDirectory(runs_root(workspace) / "stopped")
    pid = run.status()["pid"]
    os.kill(pid, signal.SIGSTOP)  # frozen before its 80 steps can end, however fast this machine is
    assert run.is_alive()  # the CLI process is gone, its worker is not

    from app.engine.training import worker

    assert worker.main(["--root", str(workspace), "--run", "stopped", "--resume"]) == worker.ALREADY_RUNNING
    refusal = capsys.readouterr().err.strip()
    assert refusal.startswith("run stopped already has a worker (pid ") and "\n" not in refusal
    with pytest.raises(launch.LaunchError, match="already running"):
        launch.resume_run(workspace, "stopped")

    threading.Timer(0.5, os.kill, (pid, signal.SIGCONT)).start()  # it wakes up to the stop's SIGTERM
    status = launch.stop_run(workspace, "stopped")
    assert status["state"] == "stopped" and status["step"] < 80 and run.status() == status
    assert max(saved_steps(run)) == status["step"]  # the stop saved where it stopped

    resumed = cli(workspace, "resume", "stopped")
    assert resumed.returncode == 0 and resumed.stdout.startswith("resumed stopped"), resumed.stderr
    wait_until(lambda: not run.is_alive())
    assert run.status()["state"] == "finished"
    assert curve(workspace, "stopped") == curve(workspace, "reference")
    assert json.loads((run.path / "config.json").read_text())["overrides"]["max_steps"] == 80

    listed = cli(workspace, "runs")
    assert listed.returncode == 0 and "stopped" in listed.stdout and "80/80" in listed.stdout
    shown = cli(workspace, "status", "stopped")
    assert shown.returncode == 0 and "finished" in shown.stdout and "sample at step 80" in shown.stdout


def test_a_diverging_run_fails_with_one_line_and_keeps_its_checkpoint(workspace):
    assert train_in_process(workspace, "diverged", "--set=learning_rate=1e30", "--set=min_lr=0",
                            "--set=warmup_steps=0", "--set=grad_clip=0") == 1
    run = RunDirectory(runs_root(workspace) / "diverged")
    status = run.status()
    assert status["state"] == "failed" and "loss became" in status["message"] and "\n" not in status["message"]
    assert "the last good checkpoint (step 0) is kept" in status["message"]
    assert saved_steps(run) == [0]


def test_unknown_runs_and_finished_runs_give_one_line_errors(workspace, capsys):
    from app.cli import main

    for argv in (("status", "nope"), ("stop", "nope"), ("resume", "nope")):
        assert main(["--root", str(workspace), *argv]) == 2
        error = capsys.readouterr().err
        assert error.startswith("tinylm-tui: no run named 'nope'") and error.count("\n") == 1
    assert main(["--root", str(workspace), "resume", "reference"]) == 1
    assert "finished at step 80" in capsys.readouterr().err
    assert main(["--root", str(workspace), "stop", "reference"]) == 1
    assert "is not running" in capsys.readouterr().err


def test_val_loss_rising_while_train_loss_falls_is_an_overfitting_warning():
    from app.engine.training.worker import track_best

    best, warning = track_best({"val_loss": None}, 0, {"val_loss": 2.0, "eval_train_loss": 2.1})
    assert best == {"val_loss": 2.0, "step": 0, "train_loss": 2.1} and warning is None
    best, warning = track_best(best, 10, {"val_loss": 1.5, "eval_train_loss": 1.6})
    assert best["step"] == 10 and warning is None
    unchanged, warning = track_best(best, 20, {"val_loss": 1.6, "eval_train_loss": 1.2})
    assert unchanged is best
    assert warning == "overfitting: val loss 1.600 is above its best 1.500 (step 10) while train loss keeps falling"
    assert track_best(best, 20, {"val_loss": 1.6, "eval_train_loss": 1.7})[1] is None  # both worse: not overfitting
    assert track_best(best, 20, {"val_loss": 1.505, "eval_train_loss": 1.2})[1] is None  # within noise


def test_describe_reads_a_preset_or_a_run_config():
    from app.engine.training.config import PRESETS, describe

    line = "4 layers × 4 heads, d_model 128, block 64, dropout 0; batch 12, 2,000 steps, lr 0.003 → 0.0003"
    baby = PRESETS["baby"]
    assert describe(baby) == line
    assert describe({"model": vars(baby.model), "train": vars(baby.train)}) == line


def test_milestone_checkpoints_are_spaced_ever_wider():
    from app.engine.training.checkpoints import is_milestone

    assert [step for step in range(0, 5001, 250) if is_milestone(step, 250)] == [0, 250, 500, 1000, 2000, 4000]
    assert not is_milestone(137, 250)  # a stop between intervals
