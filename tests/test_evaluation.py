"""The evaluation report (`tinylm-tui eval`): on a tiny run trained here, seeded, it finds what
lesson 15 claims: random init scores ln(vocab), pretraining beats it, fine-tuning beats training
from scratch on 1 % of the held-out play; the report survives a restart, and a cancel stops it."""

import json
import math
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from conftest import grant, write_solved_core

from app.cli import main
from app.engine import evaluation
from app.engine.evaluation import EvalOptions, EvaluationError, EvaluationRun, read_report, saved_reports

MODEL = {"vocab_size": 0, "block_size": 32, "n_layer": 2, "n_head": 2, "d_model": 32, "dropout": 0.0}
PRETRAIN_STEPS = 200
SMALL = EvalOptions(eval_batches=4, batch_size=8, finetune_steps=30, curve_points=2, sample_chars=150,
                    temperatures=(0.0, 1.0), fractions=(0.01, 1.0))


def make_tiny_run(root: Path, name: str = "tiny-test") -> Path:
    """A run in the worker's format: config.json, checkpoints.json, ckpt-*.pt at step 0 and 200."""
    import torch

    from app.engine.corpus import load_corpus
    from app.engine.dataset import prepare
    from lessons.pretraining.reference import save_checkpoint, train_step
    from lessons.transformer.reference import GPT

    meta = prepare(root, load_corpus("shakespeare", root)).meta
    model_config = MODEL | {"vocab_size": meta["tokenizer"]["vocab_size"]}
    run_dir = root / "checkpoints" / name
    run_dir.mkdir(parents=True)
    config = {"format": 1, "name": name, "preset": "tiny", "corpus": "shakespeare", "tokenizer": "char",
              "vocab_size": model_config["vocab_size"], "model": model_config, "attention": "fused",
              "train": {"batch_size": 16, "learning_rate": 3e-3, "grad_clip": 1.0}}
    (run_dir / "config.json").write_text(json.dumps(config), encoding="utf-8")
    torch.manual_seed(0)
    model = GPT(**model_config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    train = torch.from_numpy(__import__("numpy").fromfile(root / "data" / "shakespeare-char" / "train.bin", dtype="<u2").astype("int64"))
    generator = torch.Generator().manual_seed(0)
    index = []
    for step in range(PRETRAIN_STEPS + 1):
        if step in (0, PRETRAIN_STEPS):
            file = f"ckpt-{step:08d}.pt"
            save_checkpoint(run_dir / file, model, optimizer, step, model_config)
            index.append({"step": step, "file": file, "val_loss": None, "best": False})
        if step == PRETRAIN_STEPS:
            break
        starts = torch.randint(0, len(train) - 33, (16,), generator=generator)
        x = torch.stack([train[s:s + 32] for s in starts])
        y = torch.stack([train[s + 1:s + 33] for s in starts])
        train_step(model, optimizer, x, y, 1.0)
    (run_dir / "checkpoints.json").write_text(json.dumps(index), encoding="utf-8")
    return run_dir


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    """(root, run_dir, report): the tiny run, evaluated once with small options."""
    import torch

    root = tmp_path_factory.mktemp("eval")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the pretraining here: a busy 2-core machine is far faster with one thread
    try:
        run_dir = make_tiny_run(root)
    finally:
        torch.set_num_threads(threads)
    report = EvaluationRun(root, run_dir, None, SMALL).result()
    return root, run_dir, report


def test_random_init_scores_ln_vocab_and_pretraining_beats_it(evaluated):
    _, _, report = evaluated
    ln_vocab = math.log(report["corpus"]["vocab_size"])
    for name in ("val", "heldout"):
        scores = report["pretrained_vs_random"]["sets"][name]
        assert scores["random"]["loss"] == pytest.approx(ln_vocab, abs=0.05)
        assert scores["random"]["perplexity"] == pytest.approx(report["corpus"]["vocab_size"], rel=0.05)
        assert scores["pretrained"]["loss"] < scores["random"]["loss"] - 1.0
        assert scores["pretrained"]["bits_per_char"] == pytest.approx(scores["pretrained"]["loss"] / math.log(2))
    samples = report["pretrained_vs_random"]["samples"]
    assert samples["pretrained"].startswith(samples["prompt"]) and samples["random"].startswith(samples["prompt"])


def test_finetuning_beats_scratch_at_one_percent(evaluated):
    _, _, report = evaluated
    tuning = report["finetuning"]
    assert tuning["play"] == "the-tempest"
    one_percent = next(run for run in tuning["runs"] if run["fraction"] == 0.01)
    assert one_percent["pretrained"]["final"] < one_percent["scratch"]["final"] - 0.2
    assert one_percent["pretrained"]["steps"] == one_percent["scratch"]["steps"] == [0, 15, 30]
    assert len(one_percent["pretrained"]["val_loss"]) == 3
    keep = report["capability_preservation"]
    before = report["pretrained_vs_random"]["sets"]["val"]["pretrained"]["loss"]
    assert keep["val_loss_before"] == before and keep["threshold"] == SMALL.forgetting_threshold
    for run in keep["runs"]:
        assert run["passed"] == (run["rise"] <= keep["threshold"])
    assert keep["passed"] == all(run["passed"] for run in keep["runs"])


def test_failure_modes_and_out_of_distribution(evaluated):
    _, _, report = evaluated
    greedy, hot = report["failure_modes"]["samples"]
    assert greedy["temperature"] == 0.0 and greedy["repetition_rate"] > hot["repetition_rate"]
    assert hot["invented_word_share"] > report["failure_modes"]["baseline"]["invented_word_share"]
    sets = {row["name"]: row for row in report["out_of_distribution"]["sets"]}
    assert sets["Python code"]["loss"] > sets["Shakespeare (validation)"]["loss"] + 0.5
    assert sets["Python code"]["dropped_chars"] > 0  # braces and brackets are not in Shakespeare
    tokens = report["per_token"]
    assert len(tokens["by_position"]) == MODEL["block_size"]
    assert tokens["easiest"][0]["loss"] <= tokens["hardest"][0]["loss"]
    assert all(where == "reference" for name, where in report["implementations"].items() if name.startswith("analysis."))


def test_report_files_are_readable_after_a_restart(evaluated):
    root, run_dir, report = evaluated
    folder = run_dir / "eval" / "step-00000200"
    assert read_report(folder) == report
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    for heading in ("Pretrained vs random init", "Fine-tuning vs training from scratch", "Capability preservation",
                    "Failure modes", "Out-of-distribution", "Per-token loss"):
        assert f"## {heading}" in markdown
    again = EvaluationRun(root, run_dir, 200, SMALL)  # a new process would build exactly this
    assert again.cached() == report
    assert again.result(cancelled=lambda: pytest.fail("a cached report must not start a process")) == report
    assert saved_reports(run_dir) == [report]
    other = EvaluationRun(root, run_dir, 200, EvalOptions(**asdict(SMALL) | {"forgetting_threshold": 0.5}))
    assert other.cached() is None  # other options: another report


def test_cli_prints_the_cached_report(evaluated, capsys, monkeypatch):
    root, run_dir, report = evaluated
    monkeypatch.setattr(evaluation, "EvalOptions", lambda: SMALL)  # the CLI's defaults: the options evaluated above
    assert main(["--root", str(root), "eval", run_dir.name]) == 0
    assert capsys.readouterr().out.startswith(f"# Evaluation of {run_dir.name} at step 200")
    assert main(["--root", str(root), "eval", run_dir.name, "--step", "200", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == report


def test_cli_errors_are_one_line(evaluated, capsys):
    root, run_dir, _ = evaluated
    assert main(["--root", str(root), "eval", "no-such-run"]) == 1
    assert "no run named 'no-such-run'" in capsys.readouterr().err
    assert main(["--root", str(root), "eval", run_dir.name, "--step", "7"]) == 1
    assert capsys.readouterr().err.strip() == f"tinylm-tui: run {run_dir.name} has no checkpoint at step 7; it has steps 0, 200"
    assert main(["--root", str(root), "eval", run_dir.name, "--finetune-steps", "0"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_cancel_stops_the_child_and_keeps_the_earlier_report(evaluated):
    root, run_dir, report = evaluated
    evaluation = EvaluationRun(root, run_dir, 200, EvalOptions(**asdict(SMALL) | {"seed": 1}))
    evaluation.start()
    process = evaluation._process
    deadline = time.monotonic() + 60
    while evaluation.progress().message == "starting…" and time.monotonic() < deadline:
        time.sleep(0.1)
    evaluation.cancel()
    assert process.poll() is not None
    assert evaluation.cached() is None
    assert read_report(run_dir / "eval" / "step-00000200") == report  # the finished one is untouched


def test_the_learners_passing_metrics_are_used_and_change_the_key(evaluated):
    root, run_dir, _ = evaluated
    from app.engine.evaluation import ANALYSIS_EXERCISES, passing_analysis_exercises

    before = EvaluationRun(root, run_dir, 200, SMALL).key
    (root / "core").mkdir()
    write_solved_core(root)
    grant(root, {"analysis.perplexity": "passed", "analysis.evaluate_loss": "failed"})
    try:
        assert passing_analysis_exercises(root) == ["analysis.perplexity"]
        assert set(ANALYSIS_EXERCISES) > {"analysis.perplexity"}
        assert EvaluationRun(root, run_dir, 200, SMALL).key != before  # a report made with the reference is not reused
    finally:
        (root / ".tinylm" / "progress.json").unlink()
        shutil.rmtree(root / "core")


def test_a_run_without_checkpoints_is_a_one_line_error(tmp_path):
    run_dir = tmp_path / "checkpoints" / "empty"
    run_dir.mkdir(parents=True)
    (run_dir / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(EvaluationError, match="^run empty has no checkpoint yet$"):
        EvaluationRun(tmp_path, run_dir)
    with pytest.raises(EvaluationError, match="is not a training run"):
        EvaluationRun(tmp_path, tmp_path / "checkpoints" / "nothing")


@pytest.mark.parametrize("attention", ["fused", "explicit"])
def test_fine_tuning_runs_attention_the_way_the_run_trained(evaluated, attention):

    import torch

    from app.engine.evaluation_worker import Evaluation

    root, run_dir, _ = evaluated
    copy = root / "checkpoints" / f"trained-{attention}"
    shutil.copytree(run_dir, copy, ignore=shutil.ignore_patterns("eval"))
    config = json.loads((copy / "config.json").read_text(encoding="utf-8"))
    (copy / "config.json").write_text(json.dumps(config | {"attention": attention}), encoding="utf-8")
    ev = Evaluation(EvaluationRun(root, copy, None, SMALL).job())
    idx = torch.zeros(1, 8, dtype=torch.long)
    for model in (ev.model, ev.random):
        model(idx)  # with gradients: a fine-tuning step's forward
        kept = [block.attn.last_attention is not None for block in model.blocks]
        assert kept == [attention == "explicit"] * len(model.blocks)
        with torch.no_grad():
            model(idx)  # scoring and sampling: the layer's own forward, its weights kept
        assert all(block.attn.last_attention is not None for block in model.blocks)
